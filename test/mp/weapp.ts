/**
 * Runs the COMPILED weapp (dist/ from `taro build --type weapp`) in miniprogram-simulate under jsdom:
 * small stand-ins for App / Page / getCurrentPages, Taro's chunks loaded by app.js, the page's WXML compiled by
 * the official `wcc` compiler, and `wx.cloud` bridged to a running emulator's gateway over HTTP.
 * One Taro start-up per test file: Taro keeps global state.
 */
import { existsSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { seed } from '@/scripts/seed'
import { seedOutcomes } from '@/scripts/seed/demo-outcomes'
import { scaled } from '../helpers/time-scale'

export const root = path.resolve(__dirname, '../..')
export const dist = path.join(root, 'dist')

/** Fails with words when the build the test runs against is not there (the test never builds). */
export function requireBuild(): void {
  for (const file of ['app.js', 'app.json', 'runtime.js', 'pages/index/index.js', 'pages/index/index.wxml']) {
    if (!existsSync(path.join(dist, file))) {
      throw new Error(`dist/${file} is missing: run \`npm run build:weapp\` first (npm test builds it before running Jest)`)
    }
  }
}

export interface GatewayCall {
  name: string
  data: unknown
  status: number
}

export interface BridgeOptions {
  /** The emulator, e.g. http://127.0.0.1:8099. */
  url: string
  /** Who is calling: the emulator's gateway acts as this dev user (header x-dev-openid). */
  openid: string
  /** Every call the page made, for assertions. */
  calls?: GatewayCall[]
  /** Calls wait for this before they leave, so a test can look at the loading state first. */
  gate?: Promise<void>
}

/** POST {name, data} to the emulator's gateway; resolves with the HTTP status and parsed body. */
export function postGateway(url: string, openid: string, name: string, data: unknown): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify({ name, data })
  const target = new URL('/__/gateway/callFunction', url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-dev-openid': openid }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {
            // not JSON: leave the text
          }
          resolve({ status: res.statusCode ?? 0, body })
        })
      }
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/**
 * `wx.cloud` for the simulator: callFunction goes to the emulator's gateway as `openid`, the way WeChat adds the
 * caller's identity. Answers like the real API: `{ result, errMsg }`, or a rejection with `errMsg` on failure.
 */
export function cloudBridge(opts: BridgeOptions) {
  return {
    inited: [] as unknown[],
    init(config: unknown) {
      this.inited.push(config)
    },
    callFunction(params: {
      name: string
      data?: unknown
      success?: (res: unknown) => void
      fail?: (err: unknown) => void
      complete?: (res: unknown) => void
    }): Promise<unknown> {
      const run = async () => {
        let answer: { status: number; body: unknown }
        await opts.gate
        try {
          answer = await postGateway(opts.url, opts.openid, params.name, params.data ?? {})
        } catch (err) {
          opts.calls?.push({ name: params.name, data: params.data, status: 0 })
          throw { errMsg: `cloud.callFunction:fail ${String(err)}`, errCode: -1 }
        }
        opts.calls?.push({ name: params.name, data: params.data, status: answer.status })
        const body = answer.body as { result?: unknown; code?: string; message?: string }
        if (answer.status !== 200 || typeof body !== 'object' || body === null || !('result' in body)) {
          throw { errMsg: `cloud.callFunction:fail ${answer.status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim(), errCode: -1 }
        }
        return { result: body.result, errMsg: 'cloud.callFunction:ok', requestID: 'simulate' }
      }
      const p = run()
      p.then(
        (res) => {
          params.success?.(res)
          params.complete?.(res)
        },
        (err: unknown) => {
          params.fail?.(err)
          params.complete?.(err)
        }
      )
      return p
    }
  }
}

type AnyFn = (...args: unknown[]) => unknown
/**
 * The part of miniprogram-simulate used here. (Its own typings pull in mini-program globals that redeclare
 * `require` for the whole project, so they are kept out of the type-check.)
 */
export interface SimComponent {
  dom: Node | undefined
  instance: unknown
  attach(parent: Node): void
  querySelector(selector: string): { dispatchEvent(name: string, detail?: unknown): void } | undefined
}
interface Simulate {
  load(componentPath: string, options?: { compiler?: 'official' | 'simulate'; rootPath?: string }): string
  render(id: string, properties?: Record<string, unknown>): SimComponent
}

export interface StartedApp {
  simulate: Simulate
  appConfig: Record<string, unknown>
  /** Calls made to wx APIs the test cares about. */
  navigations: string[]
}

/** Loads Taro's compiled app (runtime, vendors, taro, common via app.js) and runs onLaunch. */
export function startApp(cloud: ReturnType<typeof cloudBridge>): StartedApp {
  requireBuild()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate
  const g = globalThis as unknown as Record<string, unknown>
  const wx = g.wx as Record<string, unknown>
  const navigations: string[] = []
  Object.assign(wx, {
    cloud,
    navigateTo: (o: { url: string; success?: AnyFn; complete?: AnyFn }) => {
      navigations.push(o.url)
      o.success?.({ errMsg: 'navigateTo:ok' })
      o.complete?.({ errMsg: 'navigateTo:ok' })
    },
    stopPullDownRefresh: (o?: { success?: AnyFn }) => o?.success?.({ errMsg: 'stopPullDownRefresh:ok' })
  })
  let appConfig: Record<string, unknown> | undefined
  g.getCurrentPages = () => []
  g.App = (config: Record<string, unknown>) => {
    appConfig = config
  }
  g.getApp = () => appConfig
  // A Taro page config as a component: its data, and every function as a method (event handler `eh`,
  // lifecycles called by hand).
  g.Page = (def: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(def)) if (typeof value === 'function') methods[key] = value
    ;(g.Component as (o: unknown) => void)({ data: def.data, methods })
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(dist, 'app.js'))
  if (!appConfig) throw new Error('dist/app.js did not call App()')
  ;(appConfig.onLaunch as AnyFn).call(appConfig, { path: 'pages/index/index', query: {}, scene: 1001 })
  return { simulate, appConfig, navigations }
}

/** Mounts a compiled page and runs its onLoad, as WeChat would when opening `route`. */
export function openPage(app: StartedApp, route: string, query: Record<string, string> = {}) {
  const id = app.simulate.load(path.join(dist, route), { compiler: 'official', rootPath: dist })
  const page = app.simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  const instance = page.instance as unknown as Record<string, unknown>
  instance.route = route
  instance.__route__ = route
  ;(instance.onLoad as AnyFn).call(instance, query)
  ;(instance.onShow as AnyFn | undefined)?.call(instance)
  ;(instance.onReady as AnyFn | undefined)?.call(instance)
  return page
}

/** Waits until `predicate(text of the page)` holds, or fails with what the page shows. */
export async function waitForText(
  page: { dom: Node | undefined },
  predicate: (text: string) => boolean,
  what: string,
  timeoutMs = scaled(20000)
): Promise<string> {
  const started = Date.now()
  let text = ''
  while (Date.now() - started < timeoutMs) {
    text = page.dom?.textContent ?? ''
    if (predicate(text)) return text
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}; the page shows: ${text.slice(0, 500)}`)
}

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = scaled(20000)): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * Taps the first element matching a CSS selector of the rendered DOM (classes carry the `main--` prefix
 * simulate adds). Taro gives every node an id equal to its data-sid, which j-component can dispatch on.
 */
export function tap(page: SimComponent, selector: string): void {
  const el = (page.dom as Element | undefined)?.querySelector(selector)
  const sid = el?.getAttribute('data-sid')
  if (!sid) throw new Error(`nothing to tap at ${selector}`)
  const target = page.querySelector(`#${sid}`)
  if (!target) throw new Error(`no component with id ${sid}`)
  target.dispatchEvent('tap', {})
}

/** Taps the first element matching `selector` whose text contains `text` (weapp drops data-testid attributes). */
export function tapText(page: SimComponent, selector: string, text: string): void {
  const els = Array.from((page.dom as Element | undefined)?.querySelectorAll(selector) ?? [])
  const el = els.find((e) => (e.textContent ?? '').includes(text))
  const sid = el?.getAttribute('data-sid')
  if (!sid) throw new Error(`nothing to tap at ${selector} with “${text}”`)
  const target = page.querySelector(`#${sid}`)
  if (!target) throw new Error(`no component with id ${sid}`)
  target.dispatchEvent('tap', {})
}

/**
 * An emulator serving the built cloud functions, seeded with the demo data and the demo outcomes (the rankings
 * job run over them), for a test of a compiled page that reads rankings. Stop it in afterAll.
 */
export async function emulatorWithOutcomes(functions: string[]): Promise<TestEmulator> {
  const dir = path.join(root, 'build/cloudfunctions')
  for (const fn of functions) {
    if (!existsSync(path.join(dir, fn, 'index.js'))) throw new Error(`build/cloudfunctions/${fn}/index.js is missing: run \`npm run build:functions\` first`)
  }
  const emu = await startEmulator({ args: ['--functions', dir, '--no-timers'] })
  await seed(emu.url)
  const { ranked } = await seedOutcomes(emu.url)
  if (!ranked) {
    await emu.stop()
    throw new Error('the rankings job did not finish over the demo outcomes')
  }
  return emu
}
