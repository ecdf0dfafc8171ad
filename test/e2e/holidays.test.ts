/**
 * The province admin loads a new year's 法定节假日 schedule in Chromium against the H5 build (the data package does
 * not have it yet): a wrong make-up day is refused with the reason, the corrected schedule is saved, shown as the
 * notice reads, and a county manager reads the same.
 */
import { e2eApp } from '../helpers/e2e'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { beijingYear } from '@/types/rules/beijing-time'
import { scaled } from '../helpers/time-scale'

describe('法定节假日安排, in the H5 app, in Chromium', () => {
  const app = e2eApp(['orgs', 'user'])
  const visible = { state: 'visible' as const, timeout: scaled(30000) }

  it('the admin loads next year’s schedule; a manager reads it', async () => {
    const next = beijingYear(new Date()) + 1
    const admin = await app.open({ as: demoAccounts.admin, at: '#/manager/pages/holidays/index' })
    await admin.locator(`[data-testid="year-${next}"]`).click({ timeout: scaled(30000) })
    await admin.locator('[data-testid="schedule-source"]').waitFor(visible)
    expect(await admin.locator('[data-testid="schedule-source"]').textContent()).toContain('只按周末计算')
    await admin.locator('[data-testid="edit-schedule"]').click()
    await admin.locator('[data-testid="holidays-text"] textarea').fill(`${next}-10-01~${next}-10-07\n${next}-01-01`)
    // A weekday as a make-up working day: refused on the page, with the reason.
    const weekday = [1, 2, 3, 4, 5]
      .map((d) => `${next}-09-${String(d).padStart(2, '0')}`)
      .find((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))!
    await admin.locator('[data-testid="workdays-text"] textarea').fill(weekday)
    await admin.locator('[data-testid="save-schedule"]').click()
    await admin.locator('[data-testid="schedule-error"]').waitFor(visible)
    expect(await admin.locator('[data-testid="schedule-error"]').textContent()).toContain('周六或周日')
    const saturday = Array.from({ length: 30 }, (_, i) => `${next}-09-${String(i + 1).padStart(2, '0')}`).find(
      (d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6
    )!
    await admin.locator('[data-testid="workdays-text"] textarea').fill(saturday)
    await admin.locator('[data-testid="note"] input').fill('国务院办公厅通知')
    await admin.locator('[data-testid="save-schedule"]').click()
    await admin.locator('[data-testid="schedule-form"]').waitFor({ state: 'detached', timeout: scaled(30000) })
    await admin.locator('[data-testid="schedule-source"]').filter({ hasText: '省活动办录入' }).waitFor(visible)
    expect(await admin.locator('[data-testid="holiday-range"]').allTextContents()).toEqual(['1月1日', '10月1日—10月7日'])
    await app.shot(admin, 'holidays-loaded')
    await admin.context().close()

    const manager = await app.open({ as: demoAccounts.countyManager, at: '#/manager/pages/holidays/index' })
    await manager.locator('[data-testid="schedule-source"]').filter({ hasText: '省活动办录入' }).waitFor(visible)
    expect(await manager.locator('[data-testid="edit-schedule"]').count()).toBe(0)
    await manager.context().close()
  })
})
