#!/usr/bin/env bash
# API compatibility with the last release: jsii-diff compares the API of a previous version, packed
# as it is published, with the API just compiled (.jsii). Every breaking change fails, in
# experimental APIs too; list the intended ones in .compatignore, by the keys jsii-diff prints, and
# describe them in a `BREAKING CHANGE:` footer of the commit, which puts them in the CHANGELOG.
#
#   scripts/compat.sh                    against the newest release tag (v*); before the first
#                                        release there is nothing to compare with
#   scripts/compat.sh v0.3.0             against a git revision, built from its own lockfile
#   scripts/compat.sh cdk-ha-0.3.0.tgz   against a packed version (npm pack, dist/js/*.tgz)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
if [ ! -f .jsii ]; then
  echo "compat: no .jsii here; compile first (npx projen compile)" >&2
  exit 2
fi

work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/source" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

baseline=${1:-}
if [ -z "$baseline" ]; then
  baseline=$(git describe --tags --match 'v[0-9]*' --abbrev=0 HEAD 2>/dev/null || true)
  if [ -z "$baseline" ]; then
    # Before the first release every change to the API is allowed; the first release is the baseline.
    echo "compat: no release yet (no v* tag); nothing to compare with"
    exit 0
  fi
fi

if [ -f "$baseline" ]; then
  tarball=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
else
  revision=$(git rev-parse --verify --quiet "$baseline^{commit}") || { echo "compat: $baseline is neither a file nor a git revision" >&2; exit 2; }
  echo "compat: building $baseline ($revision) from its own lockfile"
  git worktree add --detach --quiet "$work/source" "$revision"
  (
    cd "$work/source"
    npm ci --no-audit --no-fund --loglevel=error
    npx projen compile
    npm pack --pack-destination "$work" --silent >/dev/null
  )
  tarball=$(ls "$work"/*.tgz)
fi

mkdir -p "$work/packed"
tar -xzf "$tarball" -C "$work/packed"
# The packed version's dependencies (aws-cdk-lib, constructs) resolve from this checkout.
ln -s "$repo/node_modules" "$work/packed/node_modules"
echo "compat: $(basename "$tarball") -> this checkout"
npx jsii-diff --error-on all --keys --ignore-file "${COMPAT_IGNORE_FILE:-.compatignore}" "$work/packed/package" .
