#!/usr/bin/env bash
# Installs what building and testing Tocsin needs on a Debian machine, idempotently.
# Called by hack/test.sh and hack/run.sh; safe to run again (it installs only what is missing).
set -euo pipefail

# tzdata: IANA time zones for on-call schedules; ca-certificates: TLS to real clusters, Slack, Opsgenie.
packages=(tzdata ca-certificates)

# The real-server tests (Tests/RealKubeTests) start kube-apiserver and etcd from KUBEBUILDER_ASSETS, as envtest does.
# ../shared/kube/bin (beside a checkout) holds both; elsewhere point KUBEBUILDER_ASSETS at a folder with kube-apiserver,
# and etcd comes from the folder or from Debian's etcd-server.
if [ -z "${KUBEBUILDER_ASSETS:-}" ]; then
  shared_kube="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/kube/bin"
  [ -x "$shared_kube/kube-apiserver" ] && export KUBEBUILDER_ASSETS="$(cd "$shared_kube" && pwd)"
fi
if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/kube-apiserver" ] && [ ! -x "$KUBEBUILDER_ASSETS/etcd" ] \
  && ! command -v etcd >/dev/null 2>&1; then
  packages+=(etcd-server)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "hack/setup.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /opt/swift/bin; do
    [ -x "$d/swift" ] && export PATH="$d:$PATH"
  done
fi
if [ "${CI:-}" = true ]; then
  # CI runs the real-server tier; a skip there would hide it.
  if [ -z "${KUBEBUILDER_ASSETS:-}" ] || [ ! -x "$KUBEBUILDER_ASSETS/kube-apiserver" ]; then
    echo "hack/setup.sh: CI=true needs kube-apiserver for the real-server tests: set KUBEBUILDER_ASSETS or keep ../shared/kube beside the checkout" >&2
    exit 1
  fi
fi

command -v swift >/dev/null 2>&1 || {
  echo "hack/setup.sh: no Swift toolchain found (Swift 6.1 or newer is required; see README)" >&2
  exit 1
}
