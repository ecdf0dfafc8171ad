#!/usr/bin/env bash
# Installs what the project needs and is missing. Safe to run every time: it does nothing when all is there.
#   scripts/setup.sh           node packages
#   scripts/setup.sh --browser also Chromium, a CJK font and a Tibetan font for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

# npm packages: install when node_modules is absent or older than the lock file.
# (npm ci fails on @tarojs/binding's unpublished optional packages; npm install with the lock file works.)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages (first run takes a few minutes)…"
  npm install --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  # grep without -q: under pipefail, grep -q leaving early kills fc-list with SIGPIPE and the check fails.
  # Chinese and Tibetan fonts: the residents' pages are in both (test/e2e/tibetan.test.ts checks the glyphs).
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -i "noto.*cjk" >/dev/null || ! fc-list 2>/dev/null | grep -i "tibetan machine uni" >/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "› installing Chromium, a CJK font and a Tibetan font for the browser tests…"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-tibetan-machine >/dev/null
    else
      echo "The browser tests need Chromium, a CJK font and a Tibetan font. As root run:" >&2
      echo "  apt-get update && apt-get install -y chromium fonts-noto-cjk fonts-tibetan-machine" >&2
      echo "or set JDQ_CHROMIUM=/path/to/chromium." >&2
      exit 1
    fi
  fi
fi
