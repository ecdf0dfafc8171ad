import type { EmulatorServer } from '../server'
import { TcbError } from '../db/types'
import { sendJson } from '../http'
import { FunctionError, type FunctionPool, type Identity } from './pool'

/**
 * functions.invokeFunction as wx-server-sdk sends it (cloud.callFunction). Called from inside a
 * function, the callee runs for the same user (their OPENID passes on, SOURCE says a function called);
 * called from an outside SDK client there is no user, as with a server-side call in the cloud.
 */
export function installFunctions(server: EmulatorServer, pool: FunctionPool): void {
  server.onAdmin('functions.invokeFunction', async (_action, body, _meter, caller) => {
    const name = String(body.function_name ?? '')
    let event: unknown
    try {
      event = typeof body.request_data === 'string' && body.request_data ? JSON.parse(body.request_data) : {}
    } catch {
      throw new TcbError('INVALID_PARAM', 'request_data is not JSON')
    }
    const parent = caller.instanceId ? pool.currentOf(caller.instanceId) : null
    const identity: Identity = parent ? { ...parent.identity, SOURCE: 'wx_server,scf' } : { SOURCE: 'wx_server' }
    try {
      const result = await pool.invoke(name, event, identity)
      return { data: { response_data: JSON.stringify(result) } }
    } catch (err) {
      if (err instanceof FunctionError) {
        throw new TcbError(err.kind === 'not-found' ? 'FUNCTION_NOT_FOUND' : 'FUNCTIONS_EXECUTE_FAIL', err.message)
      }
      throw err
    }
  })

  // Each DB request made from an instance is added to the invocation it is serving.
  server.onMeter((caller, _action, meter) => {
    const current = caller.instanceId ? pool.currentOf(caller.instanceId) : null
    if (!current) return
    const m = current.record.meter
    m.dbOps += meter.dbOps
    m.docsExamined += meter.docsExamined
    m.docsReturned += meter.docsReturned
    m.keysExamined += meter.keysExamined
  })

  server.route('GET', '/__/invocations', (_req, res, url) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 1000)
    sendJson(res, 200, { invocations: pool.records.slice(-limit).reverse() })
  })
}
