/**
 * Reminders in Chromium against the H5 build on the emulator: a demo cadre opens the reminder center and
 * accepts reminders (on H5 there is no requestSubscribeMessage: the dialog marked 【开发环境模拟】 stands in for
 * WeChat's and records the consent through the same `reminders.consent` action); the timer is fired over HTTP;
 * the outbox shows the message to that openid, the home page shows the badge, the reminder center lists it, and
 * tapping it opens the demand. The county manager gets the same overdue demand, and it opens their overdue list.
 *
 * The timer is fired as the trigger due tomorrow at 10:00 Beijing (`?at=`), so the test does not depend on the
 * hour it runs at (no messages 22:00–08:00) and today's urgent demand is past its deadline by then.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { buildDemoData } from '@/scripts/seed/demo-data'
import { templateId } from '@/types/reminders'
import type { QrCode } from '@/types/service'
import type { Demand } from '@/types/demands'
import { beijingDate } from '@/types/rules/beijing-time'
import { addCalendarDays } from '@/types/rules/working-days'
import { scaled } from '../helpers/time-scale'

const root = path.resolve(__dirname, '../..')
const cadreOpenid = 'demo-women-xining-chengdong-cadre-1'
const managerOpenid = 'demo-women-xining-chengdong-manager'
const TODO = templateId('todo')
const RATE = templateId('rateInvite')

interface OutboxMessage {
  touser: string
  template_id: string
  page?: string
  errcode: number
  data: Record<string, { value: string }>
}

describe('reminders in the H5 app, in Chromium', () => {
  const app = e2eApp(['reminders', 'demands'])
  const as = (openid: string | null, hash: string): Promise<Page> => app.open({ as: openid, at: hash })
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(root, 'test-results', `e2e-reminders-${name}.png`), fullPage: true })
  const outbox = async (touser: string): Promise<OutboxMessage[]> =>
    ((await (await fetch(`${app.url}/__/outbox?touser=${encodeURIComponent(touser)}`)).json()) as { messages: OutboxMessage[] }).messages

  it('a cadre accepts reminders; the timer sends; outbox, badge and reminder center show it; tapping opens the demand', async () => {
    // An urgent demand in the cadre's ledger (due at the end of today, Beijing time), set up as the app would.
    const created = await callAs<Demand>(app.url, cadreOpenid, 'demands', {
      action: 'create',
      submissionId: randomUUID(),
      area: 'living',
      urgency: 'urgent',
      text: '东关大街路灯不亮，老人晚上出门不安全'
    })
    if (!created.ok) throw new Error(created.message)
    const demandId = created.data.id

    // The cadre opens the reminder center and accepts reminders (H5: the simulated WeChat dialog).
    const cadre = await as(cadreOpenid, '#/reminders/pages/index/index')
    await cadre.locator('[data-testid="subscribe"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await cadre.locator('[data-testid="quota"]').textContent()).toContain('现在不会给您发微信提醒')
    await cadre.locator('[data-testid="subscribe"]').click()
    const dialog = cadre.locator('.taro-modal__content')
    await dialog.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await dialog.textContent()).toContain('【开发环境模拟】')
    await cadre.locator('.taro-model__confirm').click()
    await cadre.locator('[data-testid="quota"]', { hasText: '还可以给您发' }).waitFor({ state: 'visible', timeout: scaled(30000) })
    await shot(cadre, 'accepted')

    // The timer fires over HTTP as the trigger due tomorrow at 10:00 Beijing.
    const at = new Date(`${addCalendarDays(beijingDate(new Date()), 1)}T10:00:00+08:00`)
    const fired = await fetch(`${app.url}/__/timers/reminders/sendReminders/fire?at=${encodeURIComponent(at.toISOString())}`, { method: 'POST' })
    expect(fired.status).toBe(200)
    const report = ((await fired.json()) as { result: { ok: boolean; data: { quiet: boolean; startedAt: string } } }).result
    expect(report).toMatchObject({ ok: true, data: { quiet: false, startedAt: at.toISOString() } })

    // The outbox has the WeChat message to this cadre, opening the demand.
    const sent = (await outbox(cadreOpenid)).filter((m) => m.template_id === TODO && m.errcode === 0)
    expect(sent).toHaveLength(1)
    expect(sent[0].page).toBe(`cadre/pages/demand/index?id=${demandId}`)
    expect(sent[0].data.phrase3.value).toBe('已超期')

    // Home shows the badge; the reminder center lists it, unread; tapping opens the demand.
    const home = await as(cadreOpenid, '#/pages/index/index')
    await home.locator('[data-testid="reminders-badge"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(Number(await home.locator('[data-testid="reminders-badge"]').textContent())).toBeGreaterThanOrEqual(1)
    await home.locator('[data-testid="open-reminders"]').click()
    const item = home.locator('[data-testid="reminder"]').filter({ hasText: '群众诉求已超期' })
    await item.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await item.textContent()).toContain('东关大街路灯不亮')
    expect(await item.locator('[data-testid="unread"]').count()).toBe(1)
    await shot(home, 'center')
    await item.click()
    await home.locator('[data-testid="demand-text"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await home.locator('[data-testid="demand-text"]').textContent()).toBe('东关大街路灯不亮，老人晚上出门不安全')
    expect(home.url()).toContain(`/cadre/pages/demand/index?id=${encodeURIComponent(demandId)}`)
    await shot(home, 'demand')

    // The county manager (no consent: in the app only) gets the same overdue demand; it opens their overdue list.
    expect((await outbox(managerOpenid)).filter((m) => m.template_id === TODO)).toHaveLength(0)
    const manager = await as(managerOpenid, '#/reminders/pages/index/index')
    const forManager = manager.locator('[data-testid="reminder"]').filter({ hasText: '东关大街路灯不亮' })
    await forManager.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await forManager.textContent()).toContain('请督办')
    await forManager.click()
    // The managers' queue opens on its 超期诉求 tab (the list itself is computed on the real clock: not overdue yet).
    await manager.locator('[data-testid="manager-queue"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await manager.locator('[data-testid="tab-overdue"]').getAttribute('data-selected')).toBe('true')
    expect(manager.url()).toContain('/manager/pages/cases/index?tab=overdue')
    await shot(manager, 'manager-overdue')
  })

  it('a resident reports a problem, asks to be told (H5: the simulated dialog), and is told when it is answered', async () => {
    const demo = buildDemoData()
    const cadre = demo.users.find((u) => u.openid === cadreOpenid)!
    const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]
    const qr = await callAs<QrCode>(app.url, cadreOpenid, 'ratings', { action: 'qr', kind: 'point', targetId: point._id })
    if (!qr.ok) throw new Error(qr.message)

    // A new resident opens the plate's link and reports a problem; then taps 有结果时用微信通知我 and allows it.
    const resident = await as(null, qr.data.h5Path.slice(1))
    await resident.locator('button.resident').click({ timeout: scaled(30000) })
    await resident.locator('[data-testid="start-report"]').click({ timeout: scaled(30000) })
    await resident.locator('[data-testid="area-living"]').click()
    await resident.locator('[data-testid="report-text"] textarea').fill('小区门口下水道堵了，一下雨就积水')
    await resident.locator('[data-testid="submit-report"]').click()
    await resident.locator('[data-testid="notify-me"]').click({ timeout: scaled(30000) })
    await resident.locator('.taro-modal__content').waitFor({ state: 'visible', timeout: scaled(30000) })
    await resident.locator('.taro-model__confirm').click()
    await resident.locator('[data-testid="notify-on"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await shot(resident, 'resident-consent')
    const residentOpenid = (await resident.context().cookies()).find((c) => c.name === 'jdq_dev_openid')!.value

    // The cadre solves it and answers the resident (as the app would).
    const mine = await callAs<{ items: Demand[] }>(app.url, cadreOpenid, 'demands', { action: 'list', filter: 'open', limit: 20 })
    if (!mine.ok) throw new Error(mine.message)
    const demand = mine.data.items.find((d) => d.text === '小区门口下水道堵了，一下雨就积水')!
    for (const step of [
      { action: 'resolve', demandId: demand.id, done: '已联系市政疏通' },
      { action: 'close', demandId: demand.id, reply: '下水道已经疏通了，请您看看' }
    ]) {
      const r = await callAs(app.url, cadreOpenid, 'demands', step)
      if (!r.ok) throw new Error(r.message)
    }

    const at = new Date(`${addCalendarDays(beijingDate(new Date()), 1)}T10:30:00+08:00`)
    const fired = await fetch(`${app.url}/__/timers/reminders/sendReminders/fire?at=${encodeURIComponent(at.toISOString())}`, { method: 'POST' })
    expect(fired.status).toBe(200)
    const sent = (await outbox(residentOpenid)).filter((m) => m.errcode === 0)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ template_id: RATE, page: `pages/rate/index?scene=${qr.data.scene}` })
    expect(sent[0].data.thing1.value).toBe('小区门口下水道堵了，一下雨就积水')

    // The page the message opens: the answer, and a button to rate it.
    await resident.goto(`${app.url}/#/${sent[0].page}`)
    const row = resident.locator('[data-testid="my-demand"]').filter({ hasText: '下水道已经疏通了' })
    await row.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await row.locator('[data-testid="rate-demand"]').count()).toBe(1)
    await shot(resident, 'resident-told')
  })
})
