#!/usr/bin/env bash
# Installs what the real-Firefox extension test needs when it is missing: Debian's firefox-esr
# (apt only: never a browser build from anywhere else) and puppeteer-core from npm (package.json;
# puppeteer-core downloads no browser). Firefox ESR 128+ speaks WebDriver BiDi, which puppeteer
# uses to drive it and to install the unpacked extension (BiDi webExtension.install).
set -euo pipefail
if [ ! -x /usr/bin/firefox-esr ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-firefox: /usr/bin/firefox-esr is missing; run 'sudo apt-get install -y firefox-esr'" >&2
    exit 1
  fi
  echo "ensure-firefox: installing Debian's firefox-esr (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq firefox-esr >/dev/null
fi
if [ ! -d node_modules/puppeteer-core ]; then
  echo "ensure-firefox: node_modules/puppeteer-core is missing; run 'npm ci' (make test does)" >&2
  exit 1
fi
