#!/usr/bin/env bash
# Builds everything (tests included) and runs the whole test suite. Fails on any compiler warning in
# Tocsin's own code, on any failing test, and when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests 2>&1 | tee "$log"
if grep -E "^$(pwd)/(Sources|Tests)/.*: warning:" "$log" >/dev/null; then
  echo "hack/test.sh: compiler warnings in Tocsin's code (listed above) — fix them" >&2
  exit 1
fi
# The command line end to end (before the test runner, whose summary must stay the last lines).
bash hack/cli-test.sh
swift test --skip-build "$@"
