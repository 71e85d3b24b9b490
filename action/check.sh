#!/usr/bin/env bash
# The check of the cdk-ha GitHub Action (action.yml): installs cdk-ha, writes the SARIF report, shows
# the findings in the log and in the job summary, and records whether they reach the fail-on
# severity. The step itself succeeds, so that the SARIF report is uploaded; the action's last step
# fails the job. Inputs are the CDK_HA_* variables; outputs go to $GITHUB_OUTPUT.
set -euo pipefail

read -r -a inputs <<< "${CDK_HA_PATH:-cdk.out}"
sarif=${CDK_HA_SARIF:-cdk-ha.sarif}
objectives=()
if [ -n "${CDK_HA_OBJECTIVES:-}" ]; then objectives=(--objectives "$CDK_HA_OBJECTIVES"); fi
case "${CDK_HA_FAIL_ON:=error}" in
  error | warning | never) ;;
  *) echo "cdk-ha: fail-on must be error, warning or never, not '$CDK_HA_FAIL_ON'" >&2; exit 2 ;;
esac

# The command needs neither aws-cdk-lib nor constructs (peer dependencies of the library).
tool=$(mktemp -d)
npm install --prefix "$tool" --no-save --no-audit --no-fund --no-package-lock --legacy-peer-deps --loglevel=error "${CDK_HA_PACKAGE:-cdk-ha}"
cdk_ha() { "$tool/node_modules/.bin/cdk-ha" check "${inputs[@]}" "${objectives[@]}" "$@"; }

status=0
cdk_ha --format sarif --output "$sarif" --fail-on "$CDK_HA_FAIL_ON" || status=$?
cdk_ha --fail-on never 2>/dev/null || true
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cdk_ha --format markdown --fail-on never >> "$GITHUB_STEP_SUMMARY" 2>/dev/null || true; fi

if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"; fi
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
