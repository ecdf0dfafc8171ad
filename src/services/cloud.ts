import Taro from '@tarojs/taro'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/types/api'
import { CloudError, isCloudError, parseReply } from './reply'

export { CloudError, isCloudError, parseReply } from './reply'

/** Sends `data` to cloud function `name` and resolves with the function's own reply object, unchecked. */
export type Transport = (name: string, data: Record<string, unknown>) => Promise<unknown>

export interface CallOptions {
  /** Give up after this long (default 15 s): a weak network must end in words, not an endless spinner. */
  timeoutMs?: number
  /** Try once more after a network failure. Defaults to true for read actions (see isReadAction). */
  retry?: boolean
}

const DEFAULT_TIMEOUT_MS = 15000
let cloudReady = false

/** Actions that only read: safe to send twice. */
export function isReadAction(action: string): boolean {
  return /^(me|get|list|overview|progress|calendar|coverage|stats|summary|detail)/.test(action)
}

const networkMessage = '网络不太好，没能连上服务器，请检查网络后再试'
const timeoutMessage = '网络太慢，等了很久没有回应，请稍后再试'

/** WeChat: the cloud function is called by WeChat itself, which adds the caller's identity. */
export const weappTransport: Transport = async (name, data) => {
  initCloud()
  let res: Taro.cloud.CallFunctionResult
  try {
    res = await Taro.cloud.callFunction({ name, data })
  } catch {
    throw new CloudError('UNAVAILABLE', networkMessage)
  }
  return res.result
}

/** Where the browser goes when it has no dev session; the emulator's login page sends it back afterwards. */
export function loginUrl(): string {
  const here = typeof window !== 'undefined' ? window.location.pathname + window.location.search + window.location.hash : '/'
  return `/__/login?next=${encodeURIComponent(here)}`
}

/** Kept in an object so tests can watch it (jsdom cannot navigate). */
export const navigation = {
  toLogin(): void {
    window.location.assign(loginUrl())
  }
}

/** Browser (local development): the emulator's gateway, as the dev user chosen on its login page. */
export const h5Transport: Transport = async (name, data) => {
  let res: Response
  try {
    res = await fetch('/__/gateway/callFunction', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, data })
    })
  } catch {
    throw new CloudError('UNAVAILABLE', networkMessage)
  }
  if (res.status === 401) {
    navigation.toLogin()
    throw new CloudError('UNAUTHENTICATED', '请先登录，正在打开登录页…')
  }
  if (res.status >= 500 || res.status === 404 || res.status === 408) {
    // The dev server answers 5xx when the emulator is not running; a missing gateway answers 404.
    throw new CloudError('UNAVAILABLE', '暂时连不上服务，请稍后再试')
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    throw new CloudError('INTERNAL')
  }
  if (res.status !== 200 || typeof body !== 'object' || body === null || !('result' in body)) {
    throw new CloudError('INTERNAL')
  }
  return (body as { result: unknown }).result
}

let transport: Transport = process.env.TARO_ENV === 'h5' ? h5Transport : weappTransport

/** For tests and tools: route calls somewhere else. Returns the previous transport. */
export function setTransport(next: Transport): Transport {
  const previous = transport
  transport = next
  return previous
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CloudError('UNAVAILABLE', timeoutMessage)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (err: unknown) => {
        clearTimeout(timer)
        reject(err)
      }
    )
  })
}

async function send(name: string, data: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
  try {
    return await withTimeout(transport(name, data), timeoutMs)
  } catch (err) {
    if (isCloudError(err)) throw err
    throw new CloudError('UNAVAILABLE', networkMessage)
  }
}

/**
 * The one way the app talks to its cloud functions: sends `{ action, ...payload }` (typed by the action's input
 * schema; the function parses it, applies defaults and refuses bad input) and returns the reply's data.
 * Throws CloudError: the function's own code and message, UNAVAILABLE for network trouble, INTERNAL for
 * a reply that makes no sense.
 */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ActionInput<F, A>,
  options: CallOptions = {}
): Promise<ActionOutput<F, A>> {
  const data = { action, ...(payload as Record<string, unknown>) }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const retry = options.retry ?? isReadAction(action)
  let raw: unknown
  try {
    raw = await send(fn, data, timeoutMs)
  } catch (err) {
    if (!(retry && isCloudError(err) && err.code === 'UNAVAILABLE')) throw err
    raw = await send(fn, data, timeoutMs)
  }
  return parseReply(fn, action, raw)
}

/** Once, at app start on WeChat: binds wx.cloud to the environment chosen at build time (JDQ_CLOUD_ENV). */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  cloudReady = true
  Taro.cloud.init(JDQ_CLOUD_ENV ? { env: JDQ_CLOUD_ENV, traceUser: true } : { traceUser: true })
}
