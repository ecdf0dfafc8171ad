import path from 'node:path'
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { launchChromium } from '../helpers/browser'
import { seed } from '../../scripts/seed'
import { buildDemoData, demoAccounts } from '../../scripts/seed/demo-data'

const root = path.resolve(__dirname, '../..')

describe('H5 app on the emulator, in Chromium', () => {
  let emu: TestEmulator
  let browser: Browser
  const demo = buildDemoData()

  beforeAll(async () => {
    for (const built of ['dist-h5/index.html', 'build/cloudfunctions/user/index.js']) {
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

  it('a demo cadre logs in and sees their own data read by a cloud function', async () => {
    const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
    const points = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    const page = await context.newPage()

    // Without a session the app sends the browser to the dev login page.
    await page.goto(`${emu.url}/`)
    await page.waitForURL(/\/__\/login/, { timeout: 20000 })
    await page.locator(`[data-openid="${demoAccounts.cadre}"]`).click()

    await page.waitForURL((u) => !u.pathname.startsWith('/__/'), { timeout: 20000 })
    await expectText(page, cadre.name)
    await expectText(page, '城东区妇联')
    for (const point of points) await expectText(page, point.name)
    await page.screenshot({ path: path.join(root, 'test-results', 'e2e-cadre-home.png'), fullPage: true })
    await context.close()
  })

  it('a resident who is not bound sees how to rate or report, not a cadre workspace', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    await context.addCookies([{ name: 'jdq_dev_openid', value: 'o-e2e-resident', url: emu.url }])
    const page = await context.newPage()
    await page.goto(`${emu.url}/`)
    await expectText(page, '扫码')
    await context.close()
  })
})

async function expectText(page: import('playwright-core').Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 20000 })
}
