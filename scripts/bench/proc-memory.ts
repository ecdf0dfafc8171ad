/**
 * What the bench reads of a function instance from /proc: the emulator runs each warm instance as its own child
 * process, so an instance's peak resident memory (VmHWM) is what a cloud instance's memory limit is held against.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { functionNames } from '../build-functions'

/** Peak resident memory (VmHWM) of a process, in MB; 0 once it is gone. */
export function peakMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 102.4) / 10
  } catch {
    return 0
  }
}

/** Function instances are the emulator's child processes; their environment (or command line) names the function. */
export function functionInstances(emulatorPid: number): { pid: number; fn: string }[] {
  const found: { pid: number; fn: string }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== emulatorPid) continue
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0')
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ')
      const fromEnv = environ.find((e) => e.startsWith('SCF_FUNCTIONNAME='))?.split('=')[1]
      const fromCmd = functionNames().find((n) => cmd.includes(`${path.sep}${n}${path.sep}`) || cmd.endsWith(` ${n}`))
      found.push({ pid: Number(entry), fn: fromEnv ?? fromCmd ?? `pid ${entry}` })
    } catch {
      // the process ended while we looked
    }
  }
  return found
}

/** The pids of one function's instances. */
export const instancesOf = (emulatorPid: number, fn: string): number[] =>
  functionInstances(emulatorPid)
    .filter((i) => i.fn === fn)
    .map((i) => i.pid)
