import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { scaled } from './time-scale'

const wait = { state: 'visible' as const, timeout: scaled(30000) }

/** The QR code inside the element, as a camera would read it from the screen. */
export async function scanQr(page: Page, testId: string): Promise<string> {
  const img = page.locator(`[data-testid="${testId}"] img`)
  await img.waitFor(wait)
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[data-testid="${id}"] img`) as HTMLImageElement | null
    return Boolean(el && el.complete && el.naturalWidth > 0)
  }, testId)
  const shot = await page.locator(`[data-testid="${testId}"]`).screenshot({ path: `test-results/e2e-scan-${testId}.png` })
  const png = PNG.sync.read(shot)
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!found) throw new Error(`no readable QR code in ${testId} (${png.width}×${png.height}): test-results/e2e-scan-${testId}.png`)
  return found.data
}
