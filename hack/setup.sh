#!/usr/bin/env bash
# Installs what building and testing Tocsin needs on a Debian machine, idempotently.
# Called by hack/test.sh and hack/run.sh; safe to run again (it installs only what is missing).
set -euo pipefail

# tzdata: IANA time zones for on-call schedules; ca-certificates: TLS to real clusters, Slack, Opsgenie.
packages=(tzdata ca-certificates)

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
command -v swift >/dev/null 2>&1 || {
  echo "hack/setup.sh: no Swift toolchain found (Swift 6.1 or newer is required; see README)" >&2
  exit 1
}
