import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

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

/**
 * The environment a cloud function process gets in SCF, pointed at the emulator. Setting it on the
 * test process lets a test use the unmodified wx-server-sdk as a server-side client.
 */
export function sdkEnv(url: string, envId = 'jdq-local'): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` })
  }
}

/** A fresh wx-server-sdk bound to the emulator (jest gives every test file its own module registry). */
export function loadSdk(url: string): typeof import('wx-server-sdk') {
  Object.assign(process.env, sdkEnv(url))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  return cloud
}
