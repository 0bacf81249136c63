#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing. Never `playwright install`:
# that downloads a browser build, which this network forbids.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; run 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium (once)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
