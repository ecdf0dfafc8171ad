import { rmSync } from 'node:fs'
import { RUN_DIR_ENV, killRecordedGroups } from '../helpers/run-dir'

/**
 * Ends every emulator, function instance and browser a test started and did not stop (a failed or timed-out
 * suite), whole process groups at once, then removes the run's folder with its throwaway data.
 */
export default function globalTeardown(): void {
  const dir = process.env[RUN_DIR_ENV]
  if (!dir) return
  const killed = killRecordedGroups(dir)
  if (killed.length) console.warn(`\n[teardown] stopped ${killed.length} process group(s) a test left running: ${killed.join(', ')}`)
  rmSync(dir, { recursive: true, force: true })
}
