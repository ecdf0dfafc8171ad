import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { scfEnv } from '../scf-env'
import { newMeter, type Meter } from '../db/types'
import { clockOffset } from './clock.cjs'

/** What getWXContext() will return inside the function for this call. */
export interface Identity {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  CLIENTIP?: string
  SOURCE?: string
}

export interface FunctionConfig {
  timeout?: number
  /** MB, as deployed (scripts/deploy); reported to the function in its context. */
  memorySize?: number
  triggers?: { name: string; type: string; config: string }[]
  permissions?: { openapi?: string[] }
}

export interface InvocationRecord {
  id: string
  fn: string
  action: string | null
  openid: string | null
  startedAt: string
  ms: number
  cold: boolean
  ok: boolean
  error?: string
  instanceId: string
  meter: Meter
}

export class FunctionError extends Error {
  constructor(
    readonly kind: 'not-found' | 'timeout' | 'crash' | 'error',
    message: string
  ) {
    super(message)
  }
}

interface Instance {
  id: string
  fn: string
  child: ChildProcess
  mtimeMs: number
  busy: boolean
  current: { record: InvocationRecord; identity: Identity; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null
}

const MAX_INSTANCES_PER_FUNCTION = 8
const DEFAULT_TIMEOUT_S = 3
const MAX_TIMEOUT_S = 60
const KEEP_RECORDS = 1000

/**
 * Cloud functions as SCF runs them: every function in its own Node processes, warm instances reused,
 * one invocation per instance at a time, more instances for concurrent calls (up to a cap, then a
 * queue), the timeout from config.json, and a crashed or timed-out instance replaced.
 */
export class FunctionPool {
  private readonly instances = new Map<string, Instance>()
  private readonly queues = new Map<string, (() => void)[]>()
  readonly records: InvocationRecord[] = []

  private readonly timeoutScale: number
  private readonly log: (line: string) => void

  constructor(
    readonly functionsDir: string,
    private readonly emulatorUrl: () => string,
    private readonly envId: string,
    opts: { timeoutScale?: number; log?: (line: string) => void } = {}
  ) {
    this.timeoutScale = opts.timeoutScale && opts.timeoutScale > 1 ? opts.timeoutScale : 1
    this.log = opts.log ?? ((line) => process.stdout.write(line))
  }

  names(): string[] {
    if (!existsSync(this.functionsDir)) return []
    return readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(this.functionsDir, d.name, 'index.js')))
      .map((d) => d.name)
  }

  has(name: string): boolean {
    return /^[A-Za-z0-9_-]+$/.test(name) && existsSync(this.file(name))
  }

  config(name: string): FunctionConfig {
    const file = path.join(this.functionsDir, name, 'config.json')
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig) : {}
  }

  /** The invocation an instance is serving now: its DB calls are counted there, its identity passed on. */
  currentOf(instanceId: string): { record: InvocationRecord; identity: Identity } | null {
    return this.instances.get(instanceId)?.current ?? null
  }

  async invoke(name: string, event: unknown, identity: Identity): Promise<unknown> {
    if (!this.has(name)) throw new FunctionError('not-found', `云函数 ${name} 不存在`)
    const instance = await this.acquire(name)
    const config = this.config(name)
    const timeoutS = Math.min(Math.max(config.timeout ?? DEFAULT_TIMEOUT_S, 1), MAX_TIMEOUT_S)
    // The function is told the cloud's own limit; only how long the emulator waits is scaled.
    const waitS = timeoutS * this.timeoutScale
    const action =
      typeof event === 'object' && event && typeof (event as { action?: unknown }).action === 'string' ? (event as { action: string }).action : null
    const record: InvocationRecord = {
      id: randomUUID(),
      fn: name,
      action,
      openid: identity.OPENID ?? null,
      startedAt: new Date().toISOString(),
      ms: 0,
      cold: false,
      ok: false,
      instanceId: instance.id,
      meter: newMeter()
    }
    const started = performance.now()
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          // Retire it at once: until the kill lands, the next call must not pick this instance as idle.
          this.instances.delete(instance.id)
          reject(new FunctionError('timeout', `云函数 ${name} 超时（${timeoutS} 秒）`))
          void this.kill(instance)
        }, waitS * 1000)
        instance.current = { record, identity, resolve, reject, timer }
        instance.child.send({
          type: 'invoke',
          id: record.id,
          event,
          context: {
            function_name: name,
            request_id: record.id,
            namespace: this.envId,
            time_limit_in_ms: timeoutS * 1000,
            memory_limit_in_mb: config.memorySize ?? 256
          },
          wx: identity,
          clockOffsetMs: clockOffset()
        })
      })
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err)
      throw err
    } finally {
      record.ms = Math.round((performance.now() - started) * 10) / 10
      if (instance.current) clearTimeout(instance.current.timer)
      instance.current = null
      instance.busy = false
      this.records.push(record)
      if (this.records.length > KEEP_RECORDS) this.records.splice(0, this.records.length - KEEP_RECORDS)
      this.queues.get(name)?.shift()?.()
    }
  }

  /** Kills one instance as a crash would (fault injection); its current call fails as a crash. */
  async killInstance(instanceId: string): Promise<boolean> {
    const instance = this.instances.get(instanceId)
    if (!instance) return false
    await this.kill(instance)
    return true
  }

  async close(): Promise<void> {
    await Promise.all([...this.instances.values()].map((i) => this.kill(i)))
  }

  private file(name: string): string {
    return path.join(this.functionsDir, name, 'index.js')
  }

  private async acquire(name: string): Promise<Instance> {
    const mtimeMs = statSync(this.file(name)).mtimeMs
    for (;;) {
      const mine = [...this.instances.values()].filter((i) => i.fn === name)
      // A rebuilt function: retire idle instances of the old code, as a new deployment does.
      for (const old of mine.filter((i) => i.mtimeMs !== mtimeMs && !i.busy)) void this.kill(old)
      const idle = mine.find((i) => !i.busy && i.mtimeMs === mtimeMs && i.child.connected)
      if (idle) {
        idle.busy = true
        return idle
      }
      if (mine.filter((i) => i.child.exitCode === null).length < MAX_INSTANCES_PER_FUNCTION) {
        return this.spawn(name, mtimeMs)
      }
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(name) ?? []
        queue.push(resolve)
        this.queues.set(name, queue)
      })
    }
  }

  private spawn(name: string, mtimeMs: number): Promise<Instance> {
    const id = randomUUID().replace(/-/g, '')
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: process.env.NODE_ENV,
      ...scfEnv(this.emulatorUrl(), this.envId),
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.emulatorUrl()}/admin/i/${id}` }),
      SCF_FUNCTIONNAME: name,
      // Functions run in UTC in the cloud: a "day" must be computed in Asia/Shanghai explicitly.
      TZ: 'UTC',
      JDQ_FUNCTION_FILE: this.file(name)
    }
    const child = fork(path.join(__dirname, 'runner.cjs'), [], {
      cwd: path.dirname(this.file(name)),
      env,
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    // Born busy: it belongs to the call that started it, not to whoever looks for an idle instance first.
    const instance: Instance = { id, fn: name, child, mtimeMs, busy: true, current: null }
    const prefix = (stream: NodeJS.ReadableStream | null) =>
      stream?.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) if (line.trim()) this.log(`[fn:${name}] ${line}\n`)
      })
    prefix(child.stdout)
    prefix(child.stderr)
    child.on('message', (msg: { type: string; ok?: boolean; cold?: boolean; value?: unknown; error?: string }) => {
      if (msg.type !== 'result' || !instance.current) return
      const { record, resolve, reject } = instance.current
      record.cold = Boolean(msg.cold)
      record.ok = Boolean(msg.ok)
      if (msg.ok) resolve(msg.value)
      else reject(new FunctionError('error', msg.error ?? 'function failed'))
    })
    child.on('exit', (code, signal) => {
      this.instances.delete(id)
      if (instance.current) instance.current.reject(new FunctionError('crash', `云函数 ${name} 的实例意外退出（${signal ?? code}）`))
    })
    this.instances.set(id, instance)
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(instance))
      child.once('error', reject)
    })
  }

  private kill(instance: Instance): Promise<void> {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      instance.child.once('exit', () => resolve())
      instance.child.kill('SIGKILL')
    })
  }
}
