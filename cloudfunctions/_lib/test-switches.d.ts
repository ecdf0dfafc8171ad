/**
 * true in the emulator's build of the functions (tests, bench, the demo seed), false in the production build
 * (scripts/build-functions.ts defines it). Guard every test-only path with it, as the first operand
 * (`if (JDQ_TEST_SWITCHES && …)`, `JDQ_TEST_SWITCHES ? … : undefined`), so esbuild drops the path from what
 * WeChat runs; test/contract/production-build.test.ts checks none is left.
 */
declare const JDQ_TEST_SWITCHES: boolean
