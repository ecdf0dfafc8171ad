import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendJson } from '../http'
import { TcbError } from '../db/types'
import type { EmulatorServer } from '../server'
import { FunctionError, FunctionRuntime, isSafeName, type CallerIdentity, type InvocationRecord } from './runtime'
import { TimerService } from './timers'

export { FunctionError, FunctionRuntime } from './runtime'
export type { CallerIdentity, InvocationRecord } from './runtime'
export { TimerService } from './timers'

export interface FunctionsModule {
  runtime: FunctionRuntime
  timers: TimerService
  close(): Promise<void>
}

/** TCB error for a failed invocation, as the SDK maps it (FUNCTIONS_EXECUTE_FAIL = -504002 ...). */
export function toTcbError(err: unknown): TcbError {
  if (err instanceof FunctionError) {
    if (err.kind === 'not_found') return new TcbError('FUNCTIONS_REQUEST_FAIL', `[ResourceNotFound.Function] ${err.message}`)
    return new TcbError('FUNCTIONS_EXECUTE_FAIL', err.message)
  }
  return new TcbError('SYS_ERR', err instanceof Error ? err.message : String(err))
}

export function installFunctions(
  server: EmulatorServer,
  opts: { functionsDir: string; envId: string; timers: boolean; nodePath?: string; maxInstances?: number }
): FunctionsModule {
  const runtime = new FunctionRuntime({
    functionsDir: opts.functionsDir,
    envId: opts.envId,
    baseUrl: () => server.url,
    nodePath: opts.nodePath,
    maxInstances: opts.maxInstances
  })
  const timers = new TimerService(runtime, { enabled: opts.timers })

  server.onMeter((caller, _action, meter) => runtime.addMeter(caller.instanceId, meter))

  server.onAdmin('functions.', async (action, body, _meter, caller) => {
    if (action !== 'functions.invokeFunction') throw new TcbError('INVALID_ACTION', `模拟器不支持 ${action}`)
    const name = String(body.function_name ?? '')
    if (!name) throw new TcbError('INVALID_PARAM', '函数名不能为空')
    let event: unknown = {}
    const raw = body.request_data
    if (typeof raw === 'string' && raw !== '') {
      try {
        event = JSON.parse(raw)
      } catch {
        throw new TcbError('INVALID_PARAM', 'request_data 不是合法的 JSON')
      }
    } else if (raw && typeof raw === 'object') {
      event = raw
    }
    // Inside a function, cloud.callFunction keeps the caller's identity; SOURCE records the hop.
    const parent = runtime.instanceContext(caller.instanceId)
    const identity: CallerIdentity = parent
      ? { ...parent.caller, SOURCE: parent.caller.SOURCE ? `${parent.caller.SOURCE},scf` : 'scf' }
      : {}
    try {
      const { json } = await runtime.invoke(name, event, identity, { parentId: parent?.record?.id })
      return { data: { response_data: json } }
    } catch (err) {
      throw toTcbError(err)
    }
  })

  server.route('GET', '/__/invocations', (_req, res, url) => {
    const limit = Number(url.searchParams.get('limit') ?? 100)
    const fn = url.searchParams.get('function')
    let list: InvocationRecord[] = runtime.invocations(fn ? 1000 : Number.isFinite(limit) ? limit : 100)
    if (fn) list = list.filter((r) => r.function === fn).slice(-(Number.isFinite(limit) ? limit : 100))
    sendJson(res, 200, { invocations: list })
  })

  server.route('GET', '/__/functions', (_req, res) => {
    const stats = runtime.stats()
    sendJson(res, 200, {
      functionsDir: runtime.functionsDir,
      functions: runtime.list().map((name) => ({
        name,
        timeoutMs: runtime.timeoutMs(name),
        config: runtime.config(name),
        ...(stats[name] ?? { instances: 0, busy: 0, waiting: 0 })
      }))
    })
  })

  server.route('GET', '/__/timers', (_req, res) => sendJson(res, 200, { enabled: opts.timers, timers: timers.list() }))

  // POST /__/timers/<function>/<trigger>/fire  or  /__/timers/<function>/fire (its only trigger)
  server.route('POST', '/__/timers/', async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    await readBody(req, 1024 * 1024)
    const parts = url.pathname.slice('/__/timers/'.length).split('/').map(decodeURIComponent)
    if (parts[parts.length - 1] !== 'fire' || parts.length < 2 || parts.length > 3) {
      return sendJson(res, 404, { code: 'NOT_FOUND', message: '用法：POST /__/timers/<函数名>/<触发器名>/fire' })
    }
    const fn = parts[0]
    if (!isSafeName(fn) || !runtime.exists(fn)) {
      return sendJson(res, 404, { code: 'NOT_FOUND', message: `云函数 ${fn} 不存在` })
    }
    const trigger = timers.resolveTrigger(fn, parts.length === 3 ? parts[1] : undefined)
    if (!trigger) {
      return sendJson(res, 404, {
        code: 'NOT_FOUND',
        message: `云函数 ${fn} 的 config.json 里没有${parts.length === 3 ? `名为 ${parts[1]} 的` : ''}定时触发器`
      })
    }
    try {
      const { json, record } = await timers.fire(fn, trigger)
      sendJson(res, 200, { ok: true, function: fn, trigger, result: JSON.parse(json) as unknown, invocation: record })
    } catch (err) {
      const fe = err instanceof FunctionError ? err : undefined
      sendJson(res, fe?.kind === 'timeout' ? 504 : 500, {
        ok: false,
        function: fn,
        trigger,
        code: fe?.kind === 'timeout' ? 'TIMEOUT' : 'FUNCTION_ERROR',
        message: err instanceof Error ? err.message : String(err),
        invocation: fe?.record
      })
    }
  })

  timers.start()
  return {
    runtime,
    timers,
    async close() {
      timers.stop()
      await runtime.close()
    }
  }
}
