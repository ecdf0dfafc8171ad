/**
 * How much slower than a quiet machine the tests tolerate. CI machines are shared: a run on 2 cores at a load
 * of 10 or more must still pass, so time limits (Jest's, and how long the emulator waits for a function) are
 * this factor times what a quiet machine needs. Tests assert outcomes; speed is measured by `npm run bench`.
 * JDQ_TEST_TIME_SCALE overrides it.
 */
const fromEnv = Number(process.env.JDQ_TEST_TIME_SCALE)
export const TIME_SCALE = Number.isFinite(fromEnv) && fromEnv >= 1 ? fromEnv : 4

export const scaled = (ms: number): number => Math.round(ms * TIME_SCALE)
