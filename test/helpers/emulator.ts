import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connectSdk, scfEnv } from '../../scripts/sdk'

const root = path.resolve(__dirname, '../..')

export interface TestEmulator {
  url: string
  port: number
  dataDir: string
  process: ChildProcess
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>
  /** Hard kill, as a crash would: nothing gets a chance to flush. */
  kill9(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  port?: number
  args?: string[]
  env?: NodeJS.ProcessEnv
}

/** Starts the emulator as its own process (as `npm start` does) on a free port with a throwaway data folder. */
export async function startEmulator(opts: StartOptions = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'jdq-emu-'))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'emulator/cli.ts'), 'start', '--port', String(opts.port ?? 0), '--data', dataDir, ...(opts.args ?? [])],
    { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 20 s\n${out}\n${stderr}`)), 20000)
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
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    }
  }
}

/** A fresh wx-server-sdk bound to the emulator (jest gives every test file its own module registry). */
export const loadSdk = connectSdk
export const sdkEnv = scfEnv
