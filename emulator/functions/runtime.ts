import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Meter } from '../db/types'

/**
 * Cloud functions as SCF runs them: each function folder (index.js + config.json) gets instances,
 * Node processes that load the code once and serve one invocation at a time. Idle instances are
 * reused (warm), concurrent calls start more (up to a cap, then they queue), the timeout from
 * config.json kills the instance, a crash replaces it, and a rebuilt index.js retires the old ones.
 */

export const DEFAULT_TIMEOUT_S = 3
export const MAX_TIMEOUT_S = 60
/** Instances a function may run at once; more calls wait for one to free up. */
export const DEFAULT_MAX_INSTANCES = 8
/** How long a fresh instance may take to load its code (SCF's init phase, not part of the timeout). */
const INIT_TIMEOUT_MS = 30_000
const RECORDS_KEPT = 1000

export interface FunctionTrigger {
  name: string
  type: string
  config: string
}

export interface FunctionConfig {
  timeout?: number
  triggers?: FunctionTrigger[]
  permissions?: { openapi?: string[] }
}

/** Who a call is for: what getWXContext() returns in the callee. */
export interface CallerIdentity {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  CLIENTIP?: string
  SOURCE?: string
}

export type InvocationStatus = 'ok' | 'error' | 'timeout' | 'crash' | 'not_found'

export interface InvocationRecord {
  id: string
  function: string
  action?: string
  openid?: string
  source?: string
  /** The invocation that made this call with cloud.callFunction, if any. */
  parentId?: string
  /** Set when a timer trigger made the call. */
  trigger?: string
  instanceId?: string
  startedAt: string
  /** Wall time from the call to the answer, including a cold start and any wait for a free instance. */
  ms: number
  /** Time spent loading index.js in a fresh instance (0 when warm). */
  initMs: number
  coldStart: boolean
  status: InvocationStatus
  error?: string
  dbOps: number
  docsExamined: number
  docsReturned: number
  keysExamined: number
}

export type FunctionErrorKind = 'not_found' | 'timeout' | 'crash' | 'error' | 'init'

/** A failed invocation; `kind` tells the gateway which HTTP status to use and the SDK which TCB code. */
export class FunctionError extends Error {
  constructor(
    readonly kind: FunctionErrorKind,
    message: string,
    readonly record?: InvocationRecord
  ) {
    super(message)
  }
}

export interface InvokeResult {
  /** The function's return value as JSON text (what invokeFunction sends back as response_data). */
  json: string
  record: InvocationRecord
}

export interface InvokeOptions {
  parentId?: string
  /** A timer trigger's name, when a timer made the call. */
  trigger?: string
}

interface Pending {
  resolve(json: string): void
  reject(err: FunctionError): void
  timer: NodeJS.Timeout
}

interface Instance {
  id: string
  fn: string
  /** index.js mtime the instance loaded: a rebuild retires it. */
  version: number
  child: ChildProcess
  ready: Promise<number>
  busy: boolean
  retired: boolean
  dead: boolean
  current?: { record: InvocationRecord; caller: CallerIdentity; pending?: Pending }
  idleSince: number
}

interface Waiter {
  version: number
  take(instance: Instance, cold: boolean): void
}

export interface RuntimeOptions {
  functionsDir: string
  envId: string
  /** The emulator's base URL (known after listen). */
  baseUrl: () => string
  /** node_modules the functions resolve wx-server-sdk from when their folder has none above it. */
  nodePath?: string
  maxInstances?: number
  log?: (line: string) => void
}

export class FunctionRuntime {
  private readonly instances = new Map<string, Instance>()
  private readonly waiters = new Map<string, Waiter[]>()
  private readonly records: InvocationRecord[] = []
  private readonly runner = path.join(__dirname, 'runner.cjs')
  private closed = false
  private readonly log: (line: string) => void

  constructor(private readonly opts: RuntimeOptions) {
    this.log = opts.log ?? ((line) => process.stdout.write(line + '\n'))
  }

  get functionsDir(): string {
    return this.opts.functionsDir
  }

  /** Function names with an index.js in functionsDir. */
  list(): string[] {
    if (!existsSync(this.opts.functionsDir)) return []
    return readdirSync(this.opts.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(this.opts.functionsDir, d.name, 'index.js')))
      .map((d) => d.name)
      .sort()
  }

  exists(name: string): boolean {
    return isSafeName(name) && existsSync(path.join(this.opts.functionsDir, name, 'index.js'))
  }

  config(name: string): FunctionConfig {
    const file = path.join(this.opts.functionsDir, name, 'config.json')
    if (!existsSync(file)) return {}
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig
    } catch (err) {
      this.log(`[functions] ${name}/config.json is not valid JSON: ${String(err)}`)
      return {}
    }
  }

  timeoutMs(name: string): number {
    const t = Number(this.config(name).timeout ?? DEFAULT_TIMEOUT_S)
    const seconds = Number.isFinite(t) && t > 0 ? Math.min(t, MAX_TIMEOUT_S) : DEFAULT_TIMEOUT_S
    return seconds * 1000
  }

  /** The caller identity and function of whatever invocation instance `instanceId` is serving now. */
  instanceContext(instanceId: string | undefined): { fn: string; caller: CallerIdentity; record?: InvocationRecord } | undefined {
    const inst = instanceId ? this.instances.get(instanceId) : undefined
    if (!inst) return undefined
    return { fn: inst.fn, caller: inst.current?.caller ?? {}, record: inst.current?.record }
  }

  /** Function name an instance belongs to (even when idle). */
  instanceFunction(instanceId: string | undefined): string | undefined {
    return instanceId ? this.instances.get(instanceId)?.fn : undefined
  }

  /** Adds one admin request's cost to the invocation its instance is serving. */
  addMeter(instanceId: string | undefined, meter: Meter): void {
    const record = instanceId ? this.instances.get(instanceId)?.current?.record : undefined
    if (!record) return
    record.dbOps += meter.dbOps
    record.docsExamined += meter.docsExamined
    record.docsReturned += meter.docsReturned
    record.keysExamined += meter.keysExamined
  }

  invocations(limit = 100): InvocationRecord[] {
    const n = Math.max(0, Math.min(limit, RECORDS_KEPT))
    return n === 0 ? [] : this.records.slice(-n)
  }

  /** Live instances per function, for diagnostics. */
  stats(): Record<string, { instances: number; busy: number; waiting: number }> {
    const out: Record<string, { instances: number; busy: number; waiting: number }> = {}
    for (const inst of this.instances.values()) {
      const s = (out[inst.fn] ??= { instances: 0, busy: 0, waiting: 0 })
      s.instances += 1
      if (inst.busy) s.busy += 1
    }
    for (const [fn, list] of this.waiters) {
      const s = (out[fn] ??= { instances: 0, busy: 0, waiting: 0 })
      s.waiting += list.length
    }
    return out
  }

  async invoke(name: string, event: unknown, caller: CallerIdentity, options: InvokeOptions = {}): Promise<InvokeResult> {
    const started = Date.now()
    const action =
      (event && typeof event === 'object' && typeof (event as { action?: unknown }).action === 'string'
        ? (event as { action: string }).action
        : undefined)
    const record: InvocationRecord = {
      id: randomUUID(),
      function: name,
      action,
      openid: caller.OPENID || undefined,
      source: caller.SOURCE || undefined,
      parentId: options.parentId,
      trigger: options.trigger,
      startedAt: new Date(started).toISOString(),
      ms: 0,
      initMs: 0,
      coldStart: false,
      status: 'ok',
      dbOps: 0,
      docsExamined: 0,
      docsReturned: 0,
      keysExamined: 0
    }
    const finish = (status: InvocationStatus, error?: string) => {
      record.ms = Date.now() - started
      record.status = status
      if (error) record.error = error
      this.records.push(record)
      if (this.records.length > RECORDS_KEPT) this.records.splice(0, this.records.length - RECORDS_KEPT)
    }

    if (this.closed) throw new FunctionError('crash', '模拟器正在关闭')
    if (!this.exists(name)) {
      finish('not_found', 'function not found')
      throw new FunctionError('not_found', `云函数 ${name} 不存在（在 ${this.opts.functionsDir} 中找不到 ${name}/index.js）`, record)
    }
    const indexFile = path.join(this.opts.functionsDir, name, 'index.js')
    const version = statSync(indexFile).mtimeMs
    this.retireOld(name, version)
    const timeoutMs = this.timeoutMs(name)

    const got = await this.acquire(name, version)
    const instance = got.instance
    record.coldStart = got.cold
    record.instanceId = instance.id
    try {
      const initMs = await instance.ready
      if (got.cold) record.initMs = initMs
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err)
      this.kill(instance)
      this.release(instance)
      finish('crash', msg)
      throw new FunctionError('init', `云函数 ${name} 加载失败：${msg}`, record)
    }

    try {
      const json = await this.run(instance, record, caller, event, timeoutMs)
      finish('ok')
      return { json, record }
    } catch (err) {
      const fe = err instanceof FunctionError ? err : new FunctionError('error', String(err))
      finish(fe.kind === 'timeout' ? 'timeout' : fe.kind === 'crash' ? 'crash' : 'error', fe.message)
      throw new FunctionError(fe.kind, fe.message, record)
    } finally {
      this.release(instance)
    }
  }

  private run(instance: Instance, record: InvocationRecord, caller: CallerIdentity, event: unknown, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`[fn:${instance.fn}] Invoking task timed out after ${timeoutMs / 1000} seconds: instance ${instance.id} killed`)
        instance.current = undefined
        this.kill(instance)
        reject(new FunctionError('timeout', `Invoking task timed out after ${timeoutMs / 1000} seconds（云函数 ${instance.fn} 执行超时，上限见 config.json 的 timeout）`))
      }, timeoutMs)
      instance.current = {
        record,
        caller,
        pending: {
          resolve: (json) => {
            clearTimeout(timer)
            resolve(json)
          },
          reject: (err) => {
            clearTimeout(timer)
            reject(err)
          },
          timer
        }
      }
      const context = {
        callbackWaitsForEmptyEventLoop: false,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutMs,
        request_id: record.id,
        function_name: instance.fn,
        function_version: '$LATEST',
        namespace: this.opts.envId,
        tencentcloud_region: 'ap-shanghai',
        tencentcloud_appid: '1300000000',
        tencentcloud_uin: '100000000000'
      }
      try {
        instance.child.send({ type: 'invoke', id: record.id, event: event ?? {}, context, wx: caller })
      } catch (err) {
        clearTimeout(timer)
        instance.current = undefined
        reject(new FunctionError('crash', `云函数 ${instance.fn} 的实例已退出：${String(err)}`))
      }
    })
  }

  /** An idle current-version instance, a new one if under the cap, or a place in the queue. */
  private acquire(fn: string, version: number): Promise<{ instance: Instance; cold: boolean }> {
    for (const inst of this.instances.values()) {
      if (inst.fn === fn && inst.version === version && !inst.busy && !inst.retired && !inst.dead) {
        inst.busy = true
        return Promise.resolve({ instance: inst, cold: false })
      }
    }
    const live = [...this.instances.values()].filter((i) => i.fn === fn && !i.retired && !i.dead).length
    if (live < (this.opts.maxInstances ?? DEFAULT_MAX_INSTANCES)) {
      const inst = this.spawn(fn, version)
      inst.busy = true
      return Promise.resolve({ instance: inst, cold: true })
    }
    return new Promise((resolve) => {
      const list = this.waiters.get(fn) ?? []
      list.push({ version, take: (instance, cold) => resolve({ instance, cold }) })
      this.waiters.set(fn, list)
    })
  }

  private release(inst: Instance): void {
    inst.current = undefined
    inst.busy = false
    inst.idleSince = Date.now()
    if (inst.retired && !inst.dead) this.kill(inst)
    const list = this.waiters.get(inst.fn)
    const next = list?.shift()
    if (list && list.length === 0) this.waiters.delete(inst.fn)
    if (!next) return
    if (!inst.dead && !inst.retired && inst.version === next.version) {
      inst.busy = true
      next.take(inst, false)
      return
    }
    // The freed instance is gone or old: the waiter gets a fresh one (its slot is free now).
    const fresh = this.spawn(inst.fn, next.version)
    fresh.busy = true
    next.take(fresh, true)
  }

  /** A rebuilt index.js: idle old instances go now, busy ones after their call. */
  private retireOld(fn: string, version: number): void {
    for (const inst of this.instances.values()) {
      if (inst.fn !== fn || inst.version === version || inst.retired) continue
      inst.retired = true
      if (!inst.busy) this.kill(inst)
    }
  }

  private spawn(fn: string, version: number): Instance {
    const id = `${fn}-${randomUUID().slice(0, 8)}`
    const dir = path.join(this.opts.functionsDir, fn)
    const envId = this.opts.envId
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: process.env.LANG ?? 'C.UTF-8',
      // Functions run in UTC in the cloud: a "day" must be computed in Asia/Shanghai explicitly.
      TZ: 'UTC',
      TENCENTCLOUD_RUNENV: 'SCF',
      SCF_NAMESPACE: envId,
      TCB_ENV: envId,
      SCF_FUNCTIONNAME: fn,
      SCF_FUNCTIONVERSION: '$LATEST',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: 'local-emulator',
      TENCENTCLOUD_SECRETKEY: 'local-emulator',
      TENCENTCLOUD_SESSIONTOKEN: '',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.opts.baseUrl()}/admin/i/${id}` }),
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
      ...(this.opts.nodePath ? { NODE_PATH: this.opts.nodePath } : {}),
      ...(process.env.SILENCE ? { SILENCE: process.env.SILENCE } : {})
    }
    const child = fork(this.runner, [dir], {
      cwd: dir,
      env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json'
    })
    let resolveReady!: (ms: number) => void
    let rejectReady!: (err: Error) => void
    const ready = new Promise<number>((resolve, reject) => {
      resolveReady = resolve
      rejectReady = reject
    })
    ready.catch(() => undefined)
    const inst: Instance = { id, fn, version, child, ready, busy: false, retired: false, dead: false, idleSince: Date.now() }
    this.instances.set(id, inst)
    let lastStderr = ''
    const pipe = (stream: NodeJS.ReadableStream | null, isErr: boolean) => {
      if (!stream) return
      let buf = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        buf += chunk
        let i: number
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i)
          buf = buf.slice(i + 1)
          if (isErr) lastStderr = (lastStderr + '\n' + line).slice(-2000)
          this.log(`[fn:${fn}] ${line}`)
        }
      })
      stream.on('end', () => {
        if (buf) this.log(`[fn:${fn}] ${buf}`)
      })
    }
    pipe(child.stdout, false)
    pipe(child.stderr, true)
    const initTimer = setTimeout(() => {
      rejectReady(new Error(`加载 index.js 超过 ${INIT_TIMEOUT_MS / 1000} 秒`))
      this.kill(inst)
    }, INIT_TIMEOUT_MS)
    child.on('message', (msg: { type: string; id?: string; ok?: boolean; json?: string; initMs?: number; message?: string; stack?: string; error?: { name: string; message: string; stack?: string } }) => {
      if (msg.type === 'ready') {
        clearTimeout(initTimer)
        resolveReady(msg.initMs ?? 0)
      } else if (msg.type === 'initError') {
        clearTimeout(initTimer)
        this.log(`[fn:${fn}] failed to load: ${msg.stack ?? msg.message}`)
        rejectReady(new Error(msg.message ?? 'init failed'))
      } else if (msg.type === 'result') {
        const pending = inst.current?.pending
        if (!pending || inst.current?.record.id !== msg.id) return
        inst.current!.pending = undefined
        if (msg.ok) pending.resolve(msg.json ?? 'null')
        else {
          const e = msg.error ?? { name: 'Error', message: 'unknown error' }
          this.log(`[fn:${fn}] invocation failed: ${e.stack ?? `${e.name}: ${e.message}`}`)
          pending.reject(new FunctionError('error', `${e.name}: ${e.message}`))
        }
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(initTimer)
      inst.dead = true
      this.instances.delete(id)
      rejectReady(new Error(`实例退出（code ${code}, signal ${signal}）${lastStderr ? `：${lastStderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`))
      const pending = inst.current?.pending
      if (pending) {
        inst.current!.pending = undefined
        const tail = lastStderr.trim().split('\n').slice(-3).join(' | ')
        this.log(`[fn:${fn}] instance ${id} exited during an invocation (code ${code}, signal ${signal})`)
        pending.reject(
          new FunctionError('crash', `云函数 ${fn} 的实例在执行中退出（exit code ${code}${signal ? `, signal ${signal}` : ''}）${tail ? `：${tail}` : ''}`)
        )
      }
    })
    child.on('error', (err) => this.log(`[fn:${fn}] instance ${id}: ${String(err)}`))
    return inst
  }

  private kill(inst: Instance): void {
    inst.dead = true
    this.instances.delete(inst.id)
    if (inst.child.exitCode === null && inst.child.signalCode === null) inst.child.kill('SIGKILL')
  }

  async close(): Promise<void> {
    this.closed = true
    const exits: Promise<void>[] = []
    for (const inst of [...this.instances.values()]) {
      if (inst.child.exitCode === null && inst.child.signalCode === null) {
        exits.push(new Promise<void>((resolve) => inst.child.once('exit', () => resolve())))
        inst.child.kill('SIGKILL')
      }
      const pending = inst.current?.pending
      if (pending) {
        inst.current!.pending = undefined
        pending.reject(new FunctionError('crash', '模拟器正在关闭'))
      }
    }
    this.instances.clear()
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 2000))])
  }
}

/** A function name that cannot leave functionsDir. */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_-]{0,59}$/.test(name)
}
