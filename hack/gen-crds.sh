#!/usr/bin/env bash
# Regenerates crds/<plural>.tocsin.dev.yaml from the Swift schema (Sources/TocsinAPI/Schema). Run it after changing
# an API type or its schema; TocsinAPITests fails when the committed files differ from the generated ones.
# Also refreshes the copies in manifests/crds/ and charts/tocsin/crds/ and the rendered manifests/install.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh

swift run tocsin crds --output-dir crds
# The kustomize base and the Helm chart carry byte-identical copies (checked by TocsinAPITests).
cp crds/*.tocsin.dev.yaml manifests/crds/
cp crds/*.tocsin.dev.yaml charts/tocsin/crds/
# manifests/install.yaml: the base's resources concatenated in file order (its first four lines are its header).
(
    cd manifests
    {
        sed -n 1,4p install.yaml
        for file in $(sed -n '/^resources:/,$p' kustomization.yaml | sed -n 's/^- //p'); do
            echo ---
            echo "# Source: manifests/$file"
            cat "$file"
        done
    } > install.yaml.new
    mv install.yaml.new install.yaml
)
