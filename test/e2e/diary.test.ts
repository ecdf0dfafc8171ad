/**
 * 民情日记 and 调研报告 in Chromium against the H5 build: a demo cadre writes an entry with a photo, finds it in
 * the list and sees the photo whole when it opens again; uploads a report through the file input (bytes to the function, which stores them), sees it
 * filed under this year and downloads the same bytes from its link.
 */
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { e2eApp } from '../helpers/e2e'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '../helpers/time-scale'

describe('民情日记 and 调研报告 in the H5 app, in Chromium', () => {
  const app = e2eApp(['diary'])
  const open = (route: string): Promise<Page> => app.open({ as: demoAccounts.cadre, at: `#${route}` })

  /** A portrait photo (1:2), a plain colour: what matters is its shape on the page. */
  const tallPhoto = (): Buffer => {
    const png = new PNG({ width: 300, height: 600 })
    png.data.fill(180)
    return PNG.sync.write(png)
  }

  it('writes a diary entry with a photo, finds it in the list and sees the photo whole when it opens again', async () => {
    const page = await open('/cadre/pages/diary/index')
    await page.locator('[data-testid="write-diary"]').click()
    await page.locator('[data-testid="diary-form"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.locator('[data-testid="diary-input"] textarea').fill('今天在东关社区听居民讲加装电梯的难处，下周约街道一起再去。')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-testid="add-photo"]').click()
    await (await chooser).setFiles({ name: '楼道.png', mimeType: 'image/png', buffer: tallPhoto() })
    await page.locator('[data-testid="diary-photo"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.locator('[data-testid="save-diary"]').click()
    await page.locator('[data-testid="diary-saved"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.goBack()
    await page
      .locator('[data-testid="diary-entry"]')
      .first()
      .waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="diary-entry"]').first().textContent()).toContain('加装电梯')
    // Opened again, the photo is shown at its own proportions, not cropped to an image box's default height.
    await page.locator('[data-testid="diary-entry"]').first().click()
    const photo = page.locator('.diary-photo')
    await photo.waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.waitForFunction(() => (document.querySelector('.diary-photo img') as HTMLImageElement | null)?.complete === true)
    const box = (await photo.boundingBox())!
    expect(Math.abs(box.height / box.width - 2)).toBeLessThan(0.02)
    await app.shot(page, 'diary-photo')
    await page.context().close()
  })

  it('uploads a report through the file input, lists it under this year and downloads the same bytes', async () => {
    const page = await open('/cadre/pages/reports/index')
    await page.locator('[data-testid="report-form"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    const bytes = Buffer.from('%PDF-1.4\n城东区加装电梯调研\n')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-testid="pick-report"]').click()
    await (await chooser).setFiles({ name: '加装电梯调研.pdf', mimeType: 'application/pdf', buffer: bytes })
    await page.locator('[data-testid="report-file"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="report-title"] input').inputValue()).toBe('加装电梯调研')
    // The one thing to do is a red button with white text, as on WeChat (not the H5 button's own pale loading green).
    const save = page.locator('[data-testid="save-report"]')
    expect(await save.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(200, 22, 29)', 'rgb(255, 255, 255)'])
    await save.click()
    await page
      .locator('[data-testid="report"]')
      .first()
      .waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="report"]').first().textContent()).toContain('加装电梯调研.pdf')
    const popup = page.context().waitForEvent('page')
    await page.locator('[data-testid="open-report"]').first().click()
    const opened = await popup
    const res = await page.request.get(opened.url())
    expect(Buffer.from(await res.body()).equals(bytes)).toBe(true)
    await app.shot(page, 'reports')
    await page.context().close()
  })
})
