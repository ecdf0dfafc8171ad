// A test's time limit: what its kind needs on a quiet machine, times TIME_SCALE (test/helpers/time-scale.ts).
// Limits catch hangs; they are not speed checks.
import path from 'node:path'
import { scaled } from '../helpers/time-scale'

const quiet: Record<string, number> = { unit: 10_000, ui: 10_000, contract: 30_000, mp: 90_000, e2e: 90_000 }
const kind = path.relative(path.resolve(__dirname, '..'), expect.getState().testPath ?? '').split(path.sep)[0]
jest.setTimeout(scaled(quiet[kind] ?? 30_000))
