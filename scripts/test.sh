#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, builds what the tests run against
# (cloud functions, the weapp and H5 builds), then runs every Jest project:
# unit, contract (real wx-server-sdk against the emulator), ui (jsdom), mp (miniprogram-simulate), e2e (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"

echo "› type-check"
tsc --noEmit -p .
echo "› cloud functions"
tsx scripts/build-functions.ts
echo "› weapp build"
taro build --type weapp > /tmp/jdq-weapp-build.log 2>&1 || { cat /tmp/jdq-weapp-build.log; exit 1; }
tsx scripts/weapp-size.ts
echo "› h5 build"
taro build --type h5 > /tmp/jdq-h5-build.log 2>&1 || { cat /tmp/jdq-h5-build.log; exit 1; }
echo "› tests"
jest --ci --maxWorkers=2 "$@"
echo "› bench (quick): reads must not grow with the data"
tsx scripts/bench/index.ts --quick
