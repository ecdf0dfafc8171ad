/**
 * One folder per test run (made by the global setup, removed by the global teardown): throwaway emulator data,
 * and a record of every process group a test started, so the teardown can end whatever a failed or timed-out
 * suite left running. Two runs (two clones, or CI jobs on one machine) never share one.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const RUN_DIR_ENV = 'JDQ_TEST_RUN_DIR'

/** The current run's folder; a file run outside `jest` (no global setup) gets its own. */
export function runDir(): string {
  let dir = process.env[RUN_DIR_ENV]
  if (!dir) {
    const own = mkdtempSync(path.join(tmpdir(), 'jdq-test-run-'))
    process.env[RUN_DIR_ENV] = dir = own
    // A script (the bench) rather than a Jest run: nobody else will remove it.
    process.once('exit', () => rmSync(own, { recursive: true, force: true }))
  }
  mkdirSync(path.join(dir, 'groups'), { recursive: true })
  return dir
}

/** A throwaway folder inside the run's folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(runDir(), prefix))
}

const groupFile = (pid: number) => path.join(runDir(), 'groups', String(pid))

/** Remembers a process group (a detached child's pid) until it is released; the teardown kills what remains. */
export function trackGroup(pid: number, what: string): void {
  writeFileSync(groupFile(pid), what)
}

export function releaseGroup(pid: number): void {
  rmSync(groupFile(pid), { force: true })
}

/** Kills a whole process group at once (the child and everything it started); quiet when it is gone. */
export function killGroup(pid: number): boolean {
  try {
    process.kill(-pid, 'SIGKILL')
    return true
  } catch {
    return false
  }
}

/** Every process group still recorded in `dir`, killed; returns what was killed. */
export function killRecordedGroups(dir: string): string[] {
  const groups = path.join(dir, 'groups')
  let names: string[]
  try {
    names = readdirSync(groups)
  } catch {
    return []
  }
  return names.filter((name) => killGroup(Number(name))).map((name) => name)
}
