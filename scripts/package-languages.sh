#!/usr/bin/env bash
# Builds the package of every jsii language other than JavaScript on a machine that reaches none of
# PyPI, Maven Central and NuGet (the npm tarball comes from `npx projen package:js`):
#
#   <outdir>/python   a wheel and an sdist, built from jsii-pacmak's sources with the setuptools and
#                     wheel installed here (Debian: apt-get install python3-pip python3-setuptools python3-wheel)
#   <outdir>/go       the Go module, which is what the Go repository receives
#   <outdir>/java     the Maven project (pom.xml and sources): `mvn package` where Maven Central is reachable
#   <outdir>/dotnet   the .NET project (CdkHa.csproj and sources): `dotnet pack` where NuGet is reachable
#
# Every package shows the examples in its own language, translated by jsii-rosetta (.jsii.tabl.json).
#
#   scripts/package-languages.sh [outdir]     (default: dist)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
out=$(realpath -m "${1:-dist}")
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
if [ ! -f .jsii ] || [ ! -f .jsii.tabl.json ]; then
  echo "package-languages: compile first (npx projen compile), which also translates the examples" >&2
  exit 2
fi

# A Python that can build a wheel without fetching anything: setuptools, and wheel unless setuptools has bdist_wheel (70.1+).
find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" - >/dev/null 2>&1 <<'PY'
import importlib.util as u, sys
has = lambda m: u.find_spec(m) is not None
sys.exit(0 if has('pip') and has('setuptools') and (has('wheel') or has('setuptools.command.bdist_wheel')) else 1)
PY
    then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
python=$(find_python) || {
  echo "package-languages: needs a python3 with pip, setuptools and wheel (set PYTHON to choose one;" \
    "Debian: apt-get install python3-pip python3-setuptools python3-wheel)" >&2
  exit 2
}

sources=$(mktemp -d)
trap 'rm -rf "$sources"' EXIT
npx jsii-pacmak --code-only --target python --target go --target java --target dotnet --outdir "$sources"

mkdir -p "$out"
for language in go java dotnet python; do rm -rf "${out:?}/$language"; done
cp -r "$sources/go" "$sources/java" "$sources/dotnet" "$out/"
mkdir -p "$out/python"
"$python" -m pip wheel --quiet --no-deps --no-build-isolation --no-index --wheel-dir "$out/python" "$sources/python"
(cd "$sources/python" && "$python" setup.py --quiet sdist --dist-dir "$out/python" 2>/dev/null)
echo "package-languages: built with $python into $out:"
(cd "$out" && ls -1 python/* && ls -d go/* java/pom.xml dotnet/*/*.csproj)
