#!/usr/bin/env bash
# Builds and runs the tocsin executable with the given arguments, e.g. `hack/run.sh kube get pods -A`.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh
swift build --product tocsin >&2
exec "$(swift build --show-bin-path)/tocsin" "$@"
