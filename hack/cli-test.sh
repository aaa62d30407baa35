#!/usr/bin/env bash
# End-to-end checks of the tocsin command line (run by hack/test.sh after the build): the real binary on the
# committed examples and on a broken manifest, comparing the exact output and exit codes.
set -euo pipefail
cd "$(dirname "$0")/.."
tocsin="$(swift build --show-bin-path)/tocsin"
failures=0

expect() { # description, expected exit code, expected output file or "", command...
  local description=$1 code=$2 expected=$3
  shift 3
  local output status=0
  output=$("$@" 2>&1) || status=$?
  if [ "$status" -ne "$code" ]; then
    echo "cli-test: FAIL $description: exit code $status, expected $code" >&2
    printf '%s\n' "$output" >&2
    failures=$((failures + 1))
  elif [ -n "$expected" ] && ! diff -u "$expected" <(printf '%s\n' "$output") >&2; then
    echo "cli-test: FAIL $description: output differs (above)" >&2
    failures=$((failures + 1))
  else
    echo "cli-test: ok   $description"
  fi
}

expect "validate accepts every example" 0 "" "$tocsin" validate -q crds/examples
expect "validate reports every problem of a broken rule with file:line" 1 hack/testdata/invalid/expected.txt \
  "$tocsin" validate -q hack/testdata/invalid/rules.yaml
expect "validate refuses a missing path" 64 "" "$tocsin" validate does/not/exist.yaml
expect "version prints the version" 0 "" "$tocsin" version
expect "run refuses an app-token file it cannot read" 64 "" "$tocsin" run --slack-app-token-file /does/not/exist
# The cluster flags work before the subcommand (as the README shows them) and after it: both reach the loader.
expect "kube get takes the cluster flags before the subcommand" 1 hack/testdata/cluster/missing-kubeconfig.txt \
  "$tocsin" --kubeconfig /does/not/exist --context staging kube get pods
expect "kube get takes the cluster flags after the subcommand" 1 hack/testdata/cluster/missing-kubeconfig.txt \
  "$tocsin" kube get pods --kubeconfig /does/not/exist --context staging

expect "test passes the crash-loop rule test" 0 "" "$tocsin" test hack/testdata/ruletests/crashloop_test.yaml
expect "test reports every difference of a failing rule test" 1 hack/testdata/ruletests/broken_expected.txt \
  "$tocsin" test hack/testdata/ruletests/broken_test.yaml
expect "test reports a malformed rule test with file:line" 1 hack/testdata/ruletests/malformed_expected.txt \
  "$tocsin" test hack/testdata/ruletests/malformed_test.yaml
expect "oncall shows who is on call and the next shifts across DST" 0 hack/testdata/oncall/expected.txt \
  "$tocsin" oncall hack/testdata/oncall/schedules.yaml --at 2026-03-27T12:00 --next 4
expect "oncall refuses a file without schedules" 1 "" "$tocsin" oncall hack/testdata/invalid/rules.yaml
expect "oncall refuses an unknown --schedule" 1 "" "$tocsin" oncall hack/testdata/oncall/schedules.yaml --schedule nope

plugin_dir=$(mktemp -d)
ln -s "$(cd "$(dirname "$tocsin")" && pwd)/tocsin" "$plugin_dir/kubectl-tocsin"
expect "the binary named kubectl-tocsin is the kubectl plugin" 0 "" "$plugin_dir/kubectl-tocsin" incidents --help
expect "the plugin's ack needs a user" 64 "" env USER= "$plugin_dir/kubectl-tocsin" ack some-incident
rm -rf "$plugin_dir"

# The whole flow with the real operator against the in-process fakes: engine → Incident → Slack and Opsgenie →
# a signed Slack click → acknowledged → recovery → resolved. Names and ports vary, so check the lines that matter.
for mode in http socket-mode; do
  flags=()
  [ "$mode" = socket-mode ] && flags=(--socket-mode)
  demo_output=$("$tocsin" demo --timeout-seconds 60 "${flags[@]}" 2>&1) && demo_status=0 || demo_status=$?
  demo_missing=""
  for line in 'Monitor shop/shop Ready=True' 'OnCallSchedule shop/payments-primary Ready=True' \
    'AlertRule shop/api-crashlooping Ready=True' \
    'Firing: Deployment/api in shop is crash looping' 'paged alice (U0ALICE01)' \
    '→ Slack chat.postMessage #shop-alerts: :rotating_light: \[CRITICAL\]' '→ Opsgenie POST /v2/alerts priority P1' \
    'Acknowledged by slack:U0ALICE01 (alice)' '→ Opsgenie POST /v2/alerts/[0-9a-f]*/acknowledge' \
    'Resolved by tocsin: Condition no longer holds' '→ Opsgenie POST /v2/alerts/[0-9a-f]*/close' \
    ':white_check_mark: \[CRITICAL\]' 'Slack 1 message, 2 updates, 2 thread replies; Opsgenie 3 requests'; do
    grep -q -- "$line" <<<"$demo_output" || demo_missing="$demo_missing\n  missing: $line"
  done
  if [ "$mode" = socket-mode ]; then
    grep -q -- 'envelope over the Socket Mode WebSocket' <<<"$demo_output" || demo_missing="$demo_missing\n  missing: Socket Mode click"
  fi
  if [ "$demo_status" -ne 0 ] || [ -n "$demo_missing" ]; then
    echo "cli-test: FAIL demo ($mode) plays the whole incident flow (exit $demo_status)$(printf "$demo_missing")" >&2
    printf '%s\n' "$demo_output" >&2
    failures=$((failures + 1))
  else
    echo "cli-test: ok   demo ($mode) plays the whole incident flow"
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "cli-test: $failures failed" >&2
  exit 1
fi
