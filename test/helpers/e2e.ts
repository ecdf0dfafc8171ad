/**
 * The browser tests' shared setup: the built H5 app and cloud functions checked, an emulator serving both
 * (no timers), the demo data seeded, Chromium launched; pages opened as a phone-sized zh-CN browser with a
 * dev session for a chosen openid. Call `e2eApp()` at the top of a describe block: it registers the
 * beforeAll / afterAll and returns a handle whose fields are filled by the time the tests run.
 */
import path from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { startEmulator, type TestEmulator } from './emulator'
import { launchChromium } from './browser'
import { callAs } from './gateway'
import { seed } from '@/scripts/seed'
import type { CheckInResult } from '@/types/visits'
import { clockOffset } from '@/emulator/runtime/clock.cjs'

export const root = path.resolve(__dirname, '../..')

export interface OpenOptions {
  /** Signed in as this openid (a dev session cookie); null or absent: no session (the dev login page). */
  as?: string | null
  /** What follows the origin, e.g. '#/cadre/pages/diary/index' (default: the app's start). */
  at?: string
  /** More browser context options (geolocation, permissions …). */
  context?: BrowserContextOptions
}

export interface E2eApp {
  /** The emulator's origin, serving the H5 build and the gateway. */
  readonly url: string
  readonly browser: Browser
  readonly emulator: TestEmulator
  /** A new browser context and page, phone-sized and zh-CN; close it with `page.context().close()`. */
  open(options?: OpenOptions): Promise<Page>
  /** A full-page screenshot into test-results/e2e-<name>.png. */
  shot(page: Page, name: string): Promise<void>
}

/**
 * @param functions the cloud functions the test calls: their builds must exist (as must dist-h5; npm test
 *   builds both first), so a missing build fails with a clear message rather than a timeout.
 */
export function e2eApp(functions: string[]): E2eApp {
  let emu: TestEmulator | undefined
  let browser: Browser | undefined
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started: use the app inside the tests, after beforeAll`)
    return v
  }

  beforeAll(async () => {
    for (const built of ['dist-h5/index.html', ...functions.map((f) => `build/cloudfunctions/${f}/index.js`)]) {
      if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: npm test builds it first`)
    }
    emu = await startEmulator({
      args: ['--functions', path.join(root, 'build/cloudfunctions'), '--static', path.join(root, 'dist-h5'), '--no-timers']
    })
    await seed(emu.url)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
  })

  return {
    get url() {
      return need(emu, 'the emulator').url
    },
    get browser() {
      return need(browser, 'Chromium')
    },
    get emulator() {
      return need(emu, 'the emulator')
    },
    async open({ as = null, at = '', context = {} }: OpenOptions = {}) {
      const url = need(emu, 'the emulator').url
      const ctx = await need(browser, 'Chromium').newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', ...context })
      await ctx.addInitScript(pageClock())
      if (as) await ctx.addCookies([{ name: 'jdq_dev_openid', value: as, url }])
      const page = await ctx.newPage()
      await page.goto(`${url}/${at}`)
      return page
    },
    async shot(page: Page, name: string) {
      await page.screenshot({ path: path.join(root, 'test-results', `e2e-${name}.png`), fullPage: true })
    }
  }
}

/**
 * The page's clock set to the test's: the same clock module, run in the page before the app's own scripts, and
 * the browser's geolocation fixes stamped by it too (a real phone stamps fixes and `Date` from one clock).
 */
function pageClock(): string {
  const source = readFileSync(path.join(root, 'emulator/runtime/clock.cjs'), 'utf8')
  const offset = clockOffset()
  const fixes = `(function () {
    var P = typeof GeolocationPosition !== 'undefined' && GeolocationPosition.prototype
    var d = P && Object.getOwnPropertyDescriptor(P, 'timestamp')
    if (d && d.get) Object.defineProperty(P, 'timestamp', { configurable: true, get: function () { return d.get.call(this) + ${offset} } })
  })()`
  return `(function (module) { ${source}\n;module.exports.setClockOffset(${offset}) })({ exports: {} });\n${fixes}`
}

/** A check-in about 33 m from the point, sent through the gateway as the app sends it (set-up for a browser test). */
export async function checkInNear(url: string, openid: string, point: { _id: string; location: { lat: number; lng: number } }): Promise<CheckInResult> {
  const now = Date.now()
  const r = await callAs<CheckInResult>(url, openid, 'visit', {
    action: 'checkIn',
    submissionId: randomUUID(),
    pointId: point._id,
    fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
    deviceNow: new Date(now).toISOString()
  })
  if (!r.ok) throw new Error(r.message)
  return r.data
}
