#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, lints (eslint.config.mjs, the parts' boundaries among its rules),
# checks the formatting (Prettier, .prettierrc.json) and that no deep relative import is left (the `@/` alias),
# builds what the tests run against (cloud functions, the weapp and H5 builds), then runs every Jest project:
# unit, contract (real wx-server-sdk against the emulator), ui (jsdom), mp (miniprogram-simulate), e2e (Chromium),
# all at one fixed instant (never today's date), then the date-dependent suites again at the instants where the
# calendar turns (test/helpers/clock.ts), then the quick bench.
# Arguments go to the first Jest run (e.g. `npm test -- test/unit`); with arguments the other instants are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"

# This run's own folder: build logs, and (JDQ_TEST_RUN_DIR) the emulators' throwaway data and the process groups
# the tests start. Whatever is still running when this script ends, however it ends, is stopped.
run=$(mktemp -d "${TMPDIR:-/tmp}/jdq-test-XXXXXX")
export JDQ_TEST_RUN_DIR="$run/jest"
cleanup() {
  for group in "$JDQ_TEST_RUN_DIR"/groups/*; do
    [ -e "$group" ] && kill -9 -- "-$(basename "$group")" 2>/dev/null || true
  done
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() { # name, command…: quiet unless it fails
  local name=$1
  shift
  "$@" > "$run/$name.log" 2>&1 || { cat "$run/$name.log"; exit 1; }
}

echo "› type-check"
tsc --noEmit -p .
echo "› lint"
eslint --max-warnings=0 .
echo "› format"
prettier --check --log-level=warn .
tsx scripts/alias-imports.ts --check > /dev/null || { tsx scripts/alias-imports.ts; echo "deep relative imports: run tsx scripts/alias-imports.ts --write"; exit 1; }
echo "› cloud functions"
tsx scripts/build-functions.ts
echo "› weapp build"
build weapp-build taro build --type weapp
tsx scripts/weapp-size.ts
echo "› h5 build"
build h5-build taro build --type h5
echo "› tests (clock: ${JDQ_TEST_CLOCK:-ordinary})"
jest --ci --maxWorkers=2 "$@"
if [ $# -eq 0 ] && [ -z "${JDQ_TEST_CLOCK:-}" ]; then
  # Suites whose rules turn on the calendar say so with `@date-dependent` in their header.
  mapfile -t dated < <(grep -rl --include='*.test.ts' '@date-dependent' test | sort)
  for instant in monthStart yearEnd holidayEve; do
    echo "› date-dependent suites at $instant (${#dated[@]} files)"
    JDQ_TEST_CLOCK=$instant jest --ci --maxWorkers=2 "${dated[@]}"
  done
fi
echo "› bench (quick): reads must not grow with the data"
tsx scripts/bench/index.ts --quick
