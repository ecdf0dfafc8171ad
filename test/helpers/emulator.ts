import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { connectSdk, scfEnv } from '@/scripts/sdk'
import { clockOffset, setClock } from '@/emulator/runtime/clock.cjs'
import { killGroup, releaseGroup, tempDir, trackGroup } from './run-dir'
import { TIME_SCALE, scaled } from './time-scale'

const root = path.resolve(__dirname, '../..')

export interface TestEmulator {
  url: string
  port: number
  dataDir: string
  process: ChildProcess
  /** Graceful stop (SIGTERM), then the whole process group. */
  stop(): Promise<void>
  /** Hard kill, as a crash would: nothing gets a chance to flush. */
  kill9(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  port?: number
  args?: string[]
  env?: NodeJS.ProcessEnv
  /** How long the emulator waits for a function, as a multiple of its timeout (default TIME_SCALE; the bench: 1). */
  timeoutScale?: number
}

/**
 * Starts the emulator as its own process (as `npm start` does) on a free port with a throwaway data folder, on
 * this test's clock, waiting `TIME_SCALE` times a function's timeout before giving up on it. It leads its own
 * process group (its function instances are in it): stopping it, the global teardown, or this test process
 * exiting ends them all.
 */
export async function startEmulator(opts: StartOptions = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? tempDir('emu-')
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'emulator/cli.ts'),
      'start',
      '--port',
      String(opts.port ?? 0),
      '--data',
      dataDir,
      '--clock',
      `offset:${clockOffset()}`,
      '--timeout-scale',
      String(opts.timeoutScale ?? TIME_SCALE),
      '--exit-with-parent',
      ...(opts.args ?? [])
    ],
    { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true }
  )
  const pid = child.pid
  if (pid === undefined) throw new Error('the emulator process did not start')
  trackGroup(pid, 'emulator')
  const exitGuard = () => killGroup(pid)
  process.once('exit', exitGuard)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
    // Whatever it started and did not end (function instances) goes with the group.
    killGroup(pid)
    releaseGroup(pid)
    process.off('exit', exitGuard)
  }

  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const limit = scaled(20_000)
    const timer = setTimeout(() => reject(new Error(`emulator did not start in ${limit / 1000} s\n${out}\n${stderr}`)), limit)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /emulator listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited with ${code}\n${out}\n${stderr}`))
    })
  }).catch(async (err: unknown) => {
    await end('SIGKILL')
    throw err
  })
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    process: child,
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL')
  }
}

/** A fresh wx-server-sdk bound to the emulator (jest gives every test file its own module registry). */
export const loadSdk = (url: string) => connectSdk(url, { timeout: scaled(65_000) })
export const sdkEnv = scfEnv

/**
 * Moves the shared clock to `at` mid-test: this test process's and a running emulator's (its functions see it from
 * their next invocation on); time flows on from there.
 */
export async function moveClock(url: string, at: string | Date): Promise<void> {
  const iso = typeof at === 'string' ? at : at.toISOString()
  setClock(iso)
  const res = await fetch(`${url}/__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: iso }) })
  if (!res.ok) throw new Error(`the emulator refused the clock ${iso}: ${res.status}`)
}
