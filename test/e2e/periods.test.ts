/**
 * 请假和蹲点, and a resident's confirmation, in Chromium against the H5 build on the emulator: a cadre records a 请假
 * on the page (a one-day 蹲点 is refused in words first), a three-day 蹲点 waits too; their county manager approves
 * both from the managers' area; the cadre's home then shows the pace paused and three more days, the calendar marks
 * the 蹲点 days. Then a 外勤 where no fence fits: a resident opens the visit's code and confirms the cadre was there.
 */
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { CheckInResult, Progress } from '@/types/visits'
import type { QrCode } from '@/types/service'
import { beijingDate } from '@/types/rules/beijing-time'
import { dateOfDay, dayNumber } from '@/types/rules/pace'

jest.setTimeout(240_000)

const demo = buildDemoData()
const CADRE = 'demo-union-xining-chengdong-cadre-1'
const MANAGER = 'demo-union-xining-chengdong-manager'
const cadre = demo.users.find((u) => u.openid === CADRE)!
const point = demo.liaisonPoints.find((p) => p.cadreId === cadre._id)!

describe('请假和蹲点, and a resident confirming a visit, in the H5 app, in Chromium', () => {
  const app = e2eApp(['visit', 'user', 'ratings', 'reminders'])
  const shot = (page: Page, name: string) => app.shot(page, `periods-${name}`)
  const progress = async () => {
    const r = await callAs<Progress>(app.url, CADRE, 'visit', { action: 'progress' })
    if (!r.ok) throw new Error(r.message)
    return r.data
  }

  it('a cadre records, the manager approves, the home and the calendar show it', async () => {
    const today = beijingDate(new Date())
    // Three days just before today, within this month when there are enough of them.
    const to = dateOfDay(dayNumber(today) - 1)
    const from = dateOfDay(dayNumber(today) - 3)
    const before = await progress()

    const page = await app.open({ as: CADRE, at: '#/pages/index/index' })
    await page.locator('[data-testid="open-periods"]').click({ timeout: 30000 })
    await page.locator('[data-testid="open-form"]').click({ timeout: 30000 })
    // A 蹲点 of one day (the form starts at today): refused in words, nothing sent.
    await page.locator('[data-testid="period-kind-stay"]').click()
    await page.locator('[data-testid="period-place"] input').fill('牧区定居点')
    await page.locator('[data-testid="period-save"]').click()
    expect(await page.locator('[data-testid="period-error"]').textContent()).toContain('蹲点至少 2 天')
    await shot(page, 'form')
    // A 请假 of today: recorded, waiting for the manager.
    await page.locator('[data-testid="period-kind-leave"]').click()
    await page.locator('[data-testid="period-note"] input').fill('家里老人住院')
    await page.locator('[data-testid="period-save"]').click()
    await page.locator('[data-testid="period-row"]').first().waitFor({ state: 'visible', timeout: 30000 })
    expect(await page.locator('[data-testid="period-status"]').first().textContent()).toBe('待审批')
    await page.context().close()

    // The three-day 蹲点, recorded as the page does.
    const stay = await callAs<{ id: string }>(app.url, CADRE, 'visit', {
      action: 'recordPeriod',
      submissionId: randomUUID(),
      kind: 'stay',
      from,
      to,
      place: '牧区定居点',
      note: ''
    })
    if (!stay.ok) throw new Error(stay.message)

    // The county manager approves both from the managers' area.
    const manager = await app.open({ as: MANAGER, at: '#/manager/pages/index/index' })
    await manager.locator('[data-testid="open-periods"]').click({ timeout: 30000 })
    const rows = manager.locator('[data-testid="period-row"]')
    await rows.first().waitFor({ state: 'visible', timeout: 30000 })
    expect(await rows.count()).toBe(2)
    await shot(manager, 'queue')
    for (let i = 0; i < 2; i++) {
      await manager.locator('[data-testid="approve"]').first().click()
      await manager.waitForFunction((n) => document.querySelectorAll('[data-testid="period-row"]').length === n, 1 - i, { timeout: 30000 })
    }
    expect(await manager.locator('[data-testid="empty"]').textContent()).toContain('没有等待审批')
    await manager.context().close()

    // The cadre's home: three more days, and the pace paused today.
    const after = await progress()
    expect(after.days).toBe(before.days + [from, dateOfDay(dayNumber(from) + 1), to].filter((d) => d.startsWith(today.slice(0, 4))).length)
    const home = await app.open({ as: CADRE, at: '#/pages/index/index' })
    await home.locator('[data-testid="progress-days"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await home.locator('[data-testid="progress-days"]').textContent()).toBe(String(after.days))
    expect(await home.locator('[data-testid="progress-pace"]').textContent()).toContain('请假中，进度暂停')
    expect(await home.locator('[data-testid="progress-paused"]').textContent()).toContain('目标按')
    await shot(home, 'home')
    await home.locator('[data-testid="progress-calendar"]').click()
    await home.locator('[data-testid="month-title"]').waitFor({ state: 'visible', timeout: 30000 })
    if (!from.startsWith(today.slice(0, 7))) await home.locator('[data-testid="prev-month"]').click()
    await home.locator(`[data-date="${from}"][data-testid="day-counted"]`).waitFor({ state: 'visible', timeout: 30000 })
    expect(await home.locator(`[data-date="${from}"]`).textContent()).toContain('蹲点')
    await shot(home, 'calendar')
    await home.context().close()
  })

  it('a 外勤 where no fence fits: a resident on the spot opens its code and confirms the cadre was there', async () => {
    const fieldwork = await callAs<CheckInResult>(app.url, CADRE, 'visit', {
      action: 'checkIn',
      submissionId: randomUUID(),
      pointId: point._id,
      deviceNow: new Date().toISOString(),
      reason: '牧民转场，到夏季草场走访',
      fix: { lat: point.location.lat + 0.03, lng: point.location.lng, accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() }
    })
    if (!fieldwork.ok) throw new Error(fieldwork.message)
    expect(fieldwork.data.visit.status).toBe('pending')
    const qr = await callAs<QrCode>(app.url, CADRE, 'ratings', { action: 'qr', kind: 'visit', targetId: fieldwork.data.visit.id })
    if (!qr.ok) throw new Error(qr.message)

    const resident = await app.open({ at: qr.data.h5Path.slice(1) })
    await resident.locator('button.resident').click({ timeout: 30000 })
    await resident.locator('[data-testid="confirm-card"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await resident.locator('[data-testid="confirm-card"]').textContent()).toContain(`${cadre.name} 今天在这里走访`)
    await shot(resident, 'confirm')
    await resident.locator('[data-testid="confirm-visit"]').click()
    await resident.locator('[data-testid="confirm-done"]').waitFor({ state: 'visible', timeout: 30000 })
    expect(await resident.locator('[data-testid="confirm-done"]').textContent()).toContain('已确认干部今天来过')
    // Rating stays on offer.
    expect(await resident.locator('[data-testid="start-rate"]').count()).toBe(1)
    await shot(resident, 'confirmed')
    await resident.context().close()
    const v = await callAs<{ status: string }>(app.url, CADRE, 'visit', { action: 'get', visitId: fieldwork.data.visit.id })
    expect(v).toMatchObject({ ok: true, data: { status: 'counted' } })
  })
})
