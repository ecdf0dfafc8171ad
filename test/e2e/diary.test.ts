/**
 * 民情日记 and 调研报告 in Chromium against the H5 build: a demo cadre writes an entry and finds it in the
 * list; uploads a report through the file input (bytes to the function, which stores them), sees it
 * filed under this year and downloads the same bytes from its link.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { launchChromium } from '../helpers/browser'
import { seed } from '../../scripts/seed'
import { demoAccounts } from '../../scripts/seed/demo-data'

const root = path.resolve(__dirname, '../..')

describe('民情日记 and 调研报告 in the H5 app, in Chromium', () => {
  let emu: TestEmulator
  let browser: Browser

  beforeAll(async () => {
    for (const built of ['dist-h5/index.html', 'build/cloudfunctions/diary/index.js']) {
      if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: npm test builds it first`)
    }
    emu = await startEmulator({ args: ['--functions', path.join(root, 'build/cloudfunctions'), '--static', path.join(root, 'dist-h5'), '--no-timers'] })
    await seed(emu.url)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
  })

  async function open(route: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    await context.addCookies([{ name: 'jdq_dev_openid', value: demoAccounts.cadre, url: emu.url }])
    const page = await context.newPage()
    await page.goto(`${emu.url}/#${route}`)
    return page
  }

  it('writes a diary entry and finds it in the list', async () => {
    const page = await open('/cadre/pages/diary/index')
    await page.locator('[data-testid="write-diary"]').click()
    await page.locator('[data-testid="diary-form"]').waitFor({ state: 'visible', timeout: 30000 })
    await page.locator('[data-testid="diary-input"] textarea').fill('今天在东关社区听居民讲加装电梯的难处，下周约街道一起再去。')
    await page.locator('[data-testid="save-diary"]').click()
    await page.locator('[data-testid="diary-saved"]').waitFor({ state: 'visible', timeout: 30000 })
    await page.goBack()
    await page.locator('[data-testid="diary-entry"]').first().waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="diary-entry"]').first().textContent()).toContain('加装电梯')
    await page.context().close()
  })

  it('uploads a report through the file input, lists it under this year and downloads the same bytes', async () => {
    const page = await open('/cadre/pages/reports/index')
    await page.locator('[data-testid="report-form"]').waitFor({ state: 'visible', timeout: 30000 })
    const bytes = Buffer.from('%PDF-1.4\n城东区加装电梯调研\n')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-testid="pick-report"]').click()
    await (await chooser).setFiles({ name: '加装电梯调研.pdf', mimeType: 'application/pdf', buffer: bytes })
    await page.locator('[data-testid="report-file"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="report-title"] input').inputValue()).toBe('加装电梯调研')
    await page.locator('[data-testid="save-report"]').click()
    await page.locator('[data-testid="report"]').first().waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="report"]').first().textContent()).toContain('加装电梯调研.pdf')
    const popup = page.context().waitForEvent('page')
    await page.locator('[data-testid="open-report"]').first().click()
    const opened = await popup
    const res = await page.request.get(opened.url())
    expect(Buffer.from(await res.body()).equals(bytes)).toBe(true)
    await page.screenshot({ path: path.join(root, 'test-results', 'e2e-reports.png'), fullPage: true })
    await page.context().close()
  })
})
