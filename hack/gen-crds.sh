#!/usr/bin/env bash
# Regenerates crds/<plural>.tocsin.dev.yaml from the Swift schema (Sources/TocsinAPI/Schema). Run it after changing
# an API type or its schema; TocsinAPITests fails when the committed files differ from the generated ones.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh

swift run tocsin crds --output-dir crds
