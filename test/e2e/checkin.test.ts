/**
 * 走访打卡 in Chromium against the H5 build on the emulator: a demo cadre at one of their liaison points
 * checks in and sees the server's message and the day count; 2 km away they are asked for a 外勤说明.
 * (H5 uses the browser position as-is; see src/services/location.ts.)
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { launchChromium } from '../helpers/browser'
import { seed } from '../../scripts/seed'
import { buildDemoData, demoAccounts } from '../../scripts/seed/demo-data'

const root = path.resolve(__dirname, '../..')

describe('走访打卡 in the H5 app, in Chromium', () => {
  let emu: TestEmulator
  let browser: Browser
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  beforeAll(async () => {
    for (const built of ['dist-h5/index.html', 'build/cloudfunctions/visit/index.js']) {
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

  async function openCheckIn(at: { latitude: number; longitude: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      permissions: ['geolocation'],
      geolocation: { ...at, accuracy: 20 }
    })
    await context.addCookies([{ name: 'jdq_dev_openid', value: demoAccounts.cadre, url: emu.url }])
    const page = await context.newPage()
    await page.goto(`${emu.url}/#/pages/checkin/index`)
    await page.locator('[data-testid="checkin-point"]').first().waitFor({ state: 'visible', timeout: 30000 })
    return { context, page }
  }

  it('inside the fence: submitted, the server’s message and the day count are shown', async () => {
    // 60 m north of the point, in its datum.
    const { context, page } = await openCheckIn({ latitude: point.location.lat + 60 / 111195, longitude: point.location.lng })
    const first = page.locator('[data-testid="checkin-point"]').first()
    await expect(first.getAttribute('data-selected')).resolves.toBe('true')
    expect(await first.textContent()).toContain(point.name)
    await page.locator('[data-testid="submit-checkin"]').click()
    await page.locator('[data-testid="checkin-done"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="checkin-message"]').textContent()).toBeTruthy()
    expect(await page.locator('[data-testid="checkin-days"]').textContent()).toMatch(/今年已下基层 \d+ 天/)
    await page.screenshot({ path: path.join(root, 'test-results', 'e2e-checkin-done.png'), fullPage: true })
    await context.close()
  })

  it('2 km away: nothing preselected, a 外勤说明 is asked for, then it is sent as 外勤 for review', async () => {
    const { context, page } = await openCheckIn({ latitude: point.location.lat + 2000 / 111195, longitude: point.location.lng })
    const rows = page.locator('[data-testid="checkin-point"]')
    expect(await rows.first().getAttribute('data-selected')).toBe('false')
    await rows.filter({ hasText: point.name }).first().click()
    await page.locator('[data-testid="reason"]').waitFor({ state: 'visible' })
    expect(await page.locator('[data-testid="blocker"]').textContent()).toContain('外勤说明')
    await page.locator('[data-testid="reason-input"] textarea').fill('到村民家中走访，离联系点较远')
    await page.locator('[data-testid="submit-checkin"]').click()
    await page.locator('[data-testid="checkin-done"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="checkin-done"]').textContent()).toContain('已提交外勤，等待审核')
    await context.close()
  })
})
