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
# Benchmark smoke run (debug build, small sizes, ~20 s): it must build and run; missed performance targets do not
# fail it, only a crash or an error does. Its table goes to a file; the test summary stays the last lines.
bench_log=$(mktemp)
if ! "$(swift build --show-bin-path)/tocsin-bench" run --quick >"$bench_log" 2>&1; then
  tail -n 40 "$bench_log" >&2
  rm -f "$bench_log"
  echo "hack/test.sh: the tocsin-bench smoke run failed (output above)" >&2
  exit 1
fi
echo "hack/test.sh: tocsin-bench smoke run OK ($(grep -c ' | ' "$bench_log") table rows)"
rm -f "$bench_log"
# The real-server tier (its own control planes) runs after the rest, so the two do not load the 2 cores at once.
if [ "$#" -eq 0 ]; then
  swift test --skip-build --skip RealKubeTests
  swift test --skip-build --filter RealKubeTests
else
  swift test --skip-build "$@"
fi
