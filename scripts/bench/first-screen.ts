/**
 * The home page's first screen, as a cadre opening the app with a cold cache meets it: the H5 build in Chromium
 * (a fresh browser context each time, so nothing is cached), against an emulator with the demo data whose
 * functions are warm (their cold start is measured on its own). Per run:
 *  - first render: the first contentful paint (the loading state);
 *  - first meaningful render: the cadre's name on the home page (user.me answered and drawn);
 *  - script: the scripts loaded (KB decoded) and the time spent running script until then (Chrome's ScriptDuration);
 * unthrottled, and with the CPU slowed 4× (a mid-range phone). Medians of the runs.
 * The weapp main package's size is budgeted by scripts/weapp-size.ts; this keeps the time it costs in view.
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from '@/test/helpers/browser'
import { startEmulator } from '@/test/helpers/emulator'
import { seed } from '../seed'
import { callAs } from './measure'

export interface FirstScreen {
  cpuSlowdown: number
  runs: number
  firstRenderMs: number
  meaningfulMs: number
  scriptMs: number
  scriptKB: number
}

const CADRE = 'demo-women-xining-chengdong-cadre-1'

async function measureOnce(browser: Browser, url: string, slowdown: number): Promise<Omit<FirstScreen, 'cpuSlowdown' | 'runs'>> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  try {
    await context.addCookies([{ name: 'jdq_dev_openid', value: CADRE, url }])
    // Stamps the moment the cadre's name is on screen, from inside the page (no polling delay).
    await context.addInitScript(() => {
      const w = window as unknown as { __meaningful?: number }
      new MutationObserver(() => {
        if (w.__meaningful === undefined && document.querySelector('[data-testid="profile"]')?.textContent?.trim()) w.__meaningful = performance.now()
      }).observe(document, { subtree: true, childList: true, characterData: true })
    })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown })
    await page.goto(`${url}/`)
    await page.waitForFunction(() => (window as unknown as { __meaningful?: number }).__meaningful !== undefined, undefined, { timeout: 60_000 })
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    const timing = await page.evaluate(() => ({
      meaningful: (window as unknown as { __meaningful: number }).__meaningful,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      scriptBytes: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name))
        .reduce((n, e) => n + e.decodedBodySize, 0)
    }))
    return {
      firstRenderMs: timing.fcp,
      meaningfulMs: timing.meaningful,
      scriptMs: (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000,
      scriptKB: timing.scriptBytes / 1024
    }
  } finally {
    await context.close()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Runs `runs` cold-cache loads of the home page at each CPU slowdown. Needs dist-h5 and the emulator build. */
export async function firstScreen(root: string, runs: number, slowdowns = [1, 4], h5Dir = path.join(root, 'dist-h5')): Promise<FirstScreen[]> {
  const emu = await startEmulator({
    args: ['--functions', path.join(root, 'build', 'cloudfunctions'), '--static', h5Dir, '--no-timers']
  })
  let browser: Browser | undefined
  try {
    await seed(emu.url)
    // Warm the functions the home page calls: their cold start is not the first screen's.
    for (const [fn, action] of [
      ['user', 'me'],
      ['visit', 'progress'],
      ['reminders', 'getBadge']
    ])
      await callAs(emu.url, CADRE, fn, { action })
    browser = await launchChromium()
    const out: FirstScreen[] = []
    for (const slowdown of slowdowns) {
      const samples = []
      for (let i = 0; i < runs; i++) samples.push(await measureOnce(browser, emu.url, slowdown))
      out.push({
        cpuSlowdown: slowdown,
        runs,
        firstRenderMs: median(samples.map((s) => s.firstRenderMs)),
        meaningfulMs: median(samples.map((s) => s.meaningfulMs)),
        scriptMs: median(samples.map((s) => s.scriptMs)),
        scriptKB: median(samples.map((s) => s.scriptKB))
      })
    }
    return out
  } finally {
    await browser?.close()
    await emu.stop()
  }
}
