/**
 * 走访打卡 in Chromium against the H5 build on the emulator: a demo cadre at one of their liaison points
 * checks in, sees the server's message and the day count, and writes the visit record; 2 km away they are asked for a 外勤说明.
 * (H5 uses the browser position as-is; see src/services/location.ts.)
 */
import type { BrowserContext, Page } from 'playwright-core'
import { e2eApp } from '../helpers/e2e'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '../helpers/time-scale'

describe('走访打卡 in the H5 app, in Chromium', () => {
  const app = e2eApp(['visit'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  async function openCheckIn(at: { latitude: number; longitude: number }): Promise<{ context: BrowserContext; page: Page }> {
    const page = await app.open({
      as: demoAccounts.cadre,
      at: '#/pages/checkin/index',
      context: { permissions: ['geolocation'], geolocation: { ...at, accuracy: 20 } }
    })
    await page
      .locator('[data-testid="checkin-point"]')
      .first()
      .waitFor({ state: 'visible', timeout: scaled(30000) })
    return { context: page.context(), page }
  }

  it('inside the fence: submitted, the server’s message and the day count are shown, then the visit record is written', async () => {
    // 60 m north of the point, in its datum.
    const { context, page } = await openCheckIn({ latitude: point.location.lat + 60 / 111195, longitude: point.location.lng })
    const first = page.locator('[data-testid="checkin-point"]').first()
    await expect(first.getAttribute('data-selected')).resolves.toBe('true')
    expect(await first.textContent()).toContain(point.name)
    await page.locator('[data-testid="submit-checkin"]').click()
    await page.locator('[data-testid="checkin-done"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="checkin-message"]').textContent()).toBeTruthy()
    expect(await page.locator('[data-testid="checkin-days"]').textContent()).toMatch(/今年已下基层 \d+ 天/)
    await app.shot(page, 'checkin-done')

    // Then the visit record: 四进 category, way of working, 三问, people met — saved and shown as saved.
    await page.locator('[data-testid="write-record"]').click()
    await page.locator('[data-testid="record-form"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.locator('[data-testid="category-village"]').click()
    expect(await page.locator('[data-testid="category-village"]').getAttribute('data-selected')).toBe('true')
    await page.locator('[data-testid="method-homeVisit"]').click()
    await page.locator('[data-testid="policy"] textarea').fill('讲解了城乡居民医保缴费政策')
    await page.locator('[data-testid="needs"] textarea').fill('小区路灯坏了三盏，希望尽快修好')
    await page.locator('[data-testid="advice"] textarea').fill('建议社区建立夜间巡查制度')
    await page.locator('[data-testid="people-count"] input').fill('6')
    await page.locator('[data-testid="save-record"]').click()
    await page.locator('[data-testid="saved"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="save-error"]').count()).toBe(0)
    await app.shot(page, 'visit-record-saved')

    // The server has it: reloading the page shows the saved record.
    await page.reload()
    await page.locator('[data-testid="record-form"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="method-homeVisit"]').getAttribute('data-selected')).toBe('true')
    expect(await page.locator('[data-testid="needs"] textarea').inputValue()).toBe('小区路灯坏了三盏，希望尽快修好')
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
    await page.locator('[data-testid="checkin-done"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="checkin-done"]').textContent()).toContain('已提交外勤，等待审核')
    await context.close()
  })
})
