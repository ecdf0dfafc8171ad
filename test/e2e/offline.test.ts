/**
 * A cadre's day without signal, in Chromium against the H5 build: the app is opened once with signal (it
 * keeps the cadre's points, households, recent visits and rules on the phone), then the signal goes
 * (`context.setOffline`): a check-in, its visit record with a 五必访 household and a problem, a 民情日记 entry
 * and a problem for the ledger all wait in 待上传; with the signal back each lands, once — and sending the
 * same queue again (as after a lost reply) changes nothing on the server. A draft survives a reload.
 */
import type { Page } from 'playwright-core'
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { scaled } from '../helpers/time-scale'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { VisitDetail, VisitPage } from '@/types/visits'
import type { DiaryEntry } from '@/types/diary'
import type { Demand } from '@/types/demands'
import type { OutboxState } from '@/src/services/outbox'

const wait = { state: 'visible' as const, timeout: scaled(30000) }

describe('a cadre’s offline day in the H5 app, in Chromium', () => {
  const app = e2eApp(['user', 'visit', 'points', 'households', 'diary', 'demands', 'reminders', 'ratings'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]
  const call = async <T>(fn: string, data: Record<string, unknown>): Promise<T> => {
    const r = await callAs<T>(app.url, demoAccounts.cadre, fn, data)
    if (!r.ok) throw new Error(r.message)
    return r.data
  }
  /** Taro's H5 storage: localStorage, each value wrapped as { data }. */
  const outboxOf = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('jdq.outbox.v1') ?? '{"data":null}') as { data: OutboxState | null }).data)
  /** Waits until nothing is pending in the outbox, then returns it (with what stayed, should it not empty). */
  const settled = async (page: Page): Promise<OutboxState> => {
    try {
      await page.waitForFunction(
        () => (JSON.parse(localStorage.getItem('jdq.outbox.v1') ?? '{}') as { data?: OutboxState }).data?.pending.length === 0,
        undefined,
        { timeout: scaled(60000) }
      )
    } catch (err) {
      throw new Error(`the outbox did not empty: ${JSON.stringify(await outboxOf(page))}\n${String(err)}`, { cause: err })
    }
    return (await outboxOf(page))!
  }
  const home = async (page: Page) => {
    await page.evaluate(() => (window.location.hash = '#/pages/index/index'))
    await page.locator('[data-testid="home"]').waitFor(wait)
  }

  it('signal off → check in, record, note, problem → signal on → each lands once', async () => {
    const diaryText = `夏季牧场走访：四户牧民说转场的路被冲坏了（${Date.now()}）`
    const problemText = `定居点自来水冬天冻住了（${Date.now()}）`
    const page = await app.open({
      as: demoAccounts.cadre,
      at: '#/pages/index/index',
      context: {
        viewport: { width: 375, height: 812 },
        permissions: ['geolocation'],
        geolocation: { latitude: point.location.lat + 40 / 111195, longitude: point.location.lng, accuracy: 20 }
      }
    })
    await page.locator('[data-testid="cadre-workspace"]').waitFor(wait)
    // With signal, the home page keeps what offline work needs on the phone.
    await page.waitForFunction(
      () => ['user.me', 'points.overview', 'households.all', 'visit.list', 'visit.progress'].every((k) => localStorage.getItem(`jdq.cache.${k}`)),
      undefined,
      { timeout: scaled(30000) }
    )

    // A draft survives a reload.
    await page.evaluate(() => (window.location.hash = '#/cadre/pages/diary-edit/index'))
    await page.locator('[data-testid="diary-form"]').waitFor(wait)
    await page.locator('[data-testid="diary-input"] textarea').fill(diaryText)
    await page.reload()
    await page.locator('[data-testid="diary-form"]').waitFor(wait)
    expect(await page.locator('[data-testid="diary-input"] textarea').inputValue()).toBe(diaryText)
    await home(page)

    // ---- no signal from here
    await page.context().setOffline(true)

    // 打卡: the points come from the phone; the check-in waits there.
    await page.locator('[data-testid="open-checkin"]').click()
    await page.locator('[data-testid="checkin-point"]').first().waitFor(wait)
    await page.locator('[data-testid="submit-checkin"]').click()
    await page.locator('[data-testid="queued"]').waitFor(wait)
    expect(await page.locator('[data-testid="queued"]').textContent()).toContain('72 小时内上传都有效')
    await app.shot(page, 'offline-checkin-queued')

    // 走访记录 for the waiting check-in: an empty save marks the field; then a household and a problem.
    await page.locator('[data-testid="write-record"]').click()
    await page.locator('[data-testid="record-form"]').waitFor(wait)
    expect(await page.locator('[data-testid="tag-status"]').textContent()).toBe('待上传')
    await page.locator('[data-testid="save-record"]').click()
    expect(await page.locator('[data-testid="method-field"]').getAttribute('data-invalid')).toBe('true')
    await page.locator('[data-testid="method-homeVisit"]').click()
    await page.locator('[data-testid="needs"] textarea').fill('牧道冲毁了，转场不方便')
    await page.locator('[data-testid="people-count"] input').fill('4')
    await page.locator('[data-testid="pick-households"]').click()
    await page.locator('[data-testid="household-option"]').first().waitFor(wait)
    await page.locator('[data-testid="household-option"]').first().click()
    await page.locator('[data-testid="add-problem"]').click()
    await page.locator('[data-testid="problem-0-text"] textarea').fill('牧道冲毁，需要修')
    await page.locator('[data-testid="save-record"]').click()
    await page.locator('[data-testid="record-queued"]').waitFor(wait)
    await app.shot(page, 'offline-record-queued')

    // 民情日记: the draft typed before is still there; saved, it waits too.
    await page.evaluate(() => (window.location.hash = '#/cadre/pages/diary-edit/index'))
    await page.locator('[data-testid="diary-form"]').waitFor(wait)
    expect(await page.locator('[data-testid="diary-input"] textarea').inputValue()).toBe(diaryText)
    await page.locator('[data-testid="save-diary"]').click()
    await page.locator('[data-testid="diary-queued"]').waitFor(wait)

    // A problem for the ledger.
    await page.evaluate(() => (window.location.hash = '#/cadre/pages/ledger/index'))
    await page.locator('[data-testid="open-new"]').click()
    await page.locator('[data-testid="new-area-living"]').click()
    await page.locator('[data-testid="new-text"] textarea').fill(problemText)
    await page.locator('[data-testid="create"]').click()
    await page.locator('[data-testid="demand-queued"]').waitFor(wait)

    // Home says what waits; 待上传 lists it.
    await home(page)
    expect(await page.locator('[data-testid="queue-pending"]').textContent()).toContain('4 条待上传')
    await app.shot(page, 'offline-home')
    await page.locator('[data-testid="open-outbox"]').click()
    await page.locator('[data-testid="outbox"]').waitFor(wait)
    expect(await page.locator('[data-testid="outbox-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
      'checkIn',
      'visitRecord',
      'diary',
      'demand'
    ])
    await app.shot(page, 'offline-outbox-pending')
    const queued = (await outboxOf(page))!

    // ---- signal back: the app sends everything by itself.
    await page.context().setOffline(false)
    const sent = await settled(page)
    expect(sent.failed).toEqual([])
    expect(sent.done.map((d) => d.kind).sort()).toEqual(['checkIn', 'demand', 'diary', 'visitRecord'])
    await page.locator('[data-testid="outbox-done-item"]').nth(3).waitFor(wait)
    expect(await page.locator('[data-testid="outbox-item"]').count()).toBe(0)
    await app.shot(page, 'offline-outbox-done')

    const checkIn = queued.pending.find((q) => q.kind === 'checkIn')!
    const visitId = `${cadre._id}_${checkIn.key}`
    const landed = async () => {
      const visits = (await call<VisitPage>('visit', { action: 'list', limit: 50 })).items.filter((v) => v.id === visitId)
      const visit = await call<VisitDetail>('visit', { action: 'get', visitId })
      const diary = (await call<{ items: DiaryEntry[] }>('diary', { action: 'list', limit: 50 })).items.filter((d) => d.text === diaryText)
      const demands = (await call<{ items: Demand[] }>('demands', { action: 'list', filter: 'all', limit: 50 })).items
      return {
        visits: visits.length,
        offline: visit.offline,
        record: visit.record && { needs: visit.record.needs, households: visit.record.householdIds.length, problems: visit.record.problems.map((p) => p.text) },
        diary: diary.length,
        problem: demands.filter((d) => d.text === problemText).length,
        fromVisit: demands.filter((d) => d.visitId === visitId).length
      }
    }
    const once = {
      visits: 1,
      offline: true,
      record: { needs: '牧道冲毁了，转场不方便', households: 1, problems: ['牧道冲毁，需要修'] },
      diary: 1,
      problem: 1,
      fromVisit: 1
    }
    expect(await landed()).toEqual(once)

    // The same queue sent again (a reply lost on the way back): the server answers from what landed.
    await page.evaluate((data) => localStorage.setItem('jdq.outbox.v1', JSON.stringify({ data })), { ...queued, done: [] })
    await page.reload()
    await home(page)
    const after = await settled(page)
    expect(after.failed).toEqual([])
    expect(after.done).toHaveLength(4)
    expect(await landed()).toEqual(once)
    await page.context().close()
  })
})
