/**
 * 群众点评 in Chromium against the H5 build on the emulator: a new resident opens a visit's QR link
 * (the same scene as the WeChat code), rates 不满意 with a tag; the manager sees the case, records the
 * 回访 and the rectification; the resident rates the fix; the cadre sees the 整改 request, not who asked.
 */
import type { Page } from 'playwright-core'
import { checkInNear, e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { QrCode } from '@/types/service'
import { scaled } from '../helpers/time-scale'

const cadreOpenid = 'demo-league-xining-chengdong-cadre-1'
const managerOpenid = 'demo-league-xining-chengdong-manager'

describe('群众点评 in the H5 app, in Chromium', () => {
  const app = e2eApp(['visit', 'ratings'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === cadreOpenid)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  const as = (openid: string | null, hash: string): Promise<Page> => app.open({ as: openid, at: hash })
  const shot = (page: Page, name: string) => app.shot(page, `rating-${name}`)

  it('a resident scans, rates 不满意; the manager follows up; the resident rates the fix; the cadre sees it anonymously', async () => {
    // The cadre visits and shows the code (set up through the gateway, as the app would).
    const checkIn = await checkInNear(app.url, cadreOpenid, point)
    const qr = await callAs<QrCode>(app.url, cadreOpenid, 'ratings', { action: 'qr', kind: 'visit', targetId: checkIn.visit.id })
    if (!qr.ok) throw new Error(qr.message)

    // A resident with no session opens the link: the dev login page offers 以新群众身份进入, then back to the page.
    const resident = await as(null, qr.data.h5Path.slice(1))
    await resident.locator('button.resident').click({ timeout: scaled(30000) })
    await resident.locator('[data-testid="cadre-name"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await resident.locator('[data-testid="cadre-name"]').textContent()).toBe(cadre.name)
    expect(await resident.locator('[data-testid="org-name"]').textContent()).toBe('城东区团委')
    await resident.locator('[data-testid="start-rate"]').click()
    expect(await resident.locator('[data-testid="rate-form"] [data-selected="true"]').count()).toBe(0) // no pre-selected level
    await resident.locator('[data-testid="level-dissatisfied"]').click()
    await resident.locator('[data-testid="tag-问题没解决"]').click()
    await resident.locator('[data-testid="comment"] textarea').fill('反映的路灯问题一直没人修')
    await resident.locator('[data-testid="submit-rating"]').click()
    await resident.locator('[data-testid="thanks"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await resident.locator('[data-testid="thanks"]').textContent()).toContain('回访')
    await shot(resident, 'rated')
    const residentOpenid = (await resident.context().cookies()).find((c) => c.name === 'jdq_dev_openid')!.value

    // The manager sees the case, records the 回访 and the rectification.
    const manager = await as(managerOpenid, '#/manager/pages/cases/index')
    const kase = manager.locator('[data-testid="case"]').filter({ hasText: '反映的路灯问题一直没人修' })
    await kase.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await kase.textContent()).toContain('待回访')
    await kase.locator('[data-testid="do-revisit"]').click()
    await kase.locator('[data-testid="edit-text"] textarea').fill('电话联系了群众，了解到是小区东门的路灯')
    await kase.locator('[data-testid="edit-send"]').click()
    await manager
      .locator('[data-testid="case"]')
      .filter({ hasText: '整改中' })
      .waitFor({ state: 'visible', timeout: scaled(30000) })
    const again = manager.locator('[data-testid="case"]').filter({ hasText: '反映的路灯问题一直没人修' })
    await again.locator('[data-testid="do-rectify"]').click()
    await again.locator('[data-testid="edit-text"] textarea').fill('已协调物业换好了东门路灯')
    await again.locator('[data-testid="edit-send"]').click()
    await manager.locator('[data-testid="empty"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await shot(manager, 'manager-done')

    // The resident comes back to the same link and rates the fix.
    await resident.reload()
    await resident.locator('[data-testid="fix"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await resident.locator('[data-testid="fix"]').textContent()).toContain('已协调物业换好了东门路灯')
    await resident.locator('[data-testid="rate-fix"]').click()
    await resident.locator('[data-testid="level-satisfied"]').click()
    await resident.locator('[data-testid="submit-rating"]').click()
    await resident.locator('[data-testid="thanks"]').waitFor({ state: 'visible', timeout: scaled(30000) })

    // The cadre sees what to fix, never who asked: one rating is below the 3 a summary needs, so no single rating shows.
    const own = await as(cadreOpenid, '#/cadre/pages/ratings/index')
    const request = own.locator('[data-testid="request"]').filter({ hasText: '反映的路灯问题一直没人修' })
    await request.waitFor({ state: 'visible', timeout: scaled(30000) })
    // The summary is a call of its own: wait for it rather than read it while it may still be loading.
    await own.locator('[data-testid="summary-hidden"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await own.locator('[data-testid="summary-hidden"]').count()).toBe(1)
    expect(await own.locator('[data-testid="rating"]').count()).toBe(0)
    const html = await own.content()
    expect(html).not.toContain(residentOpenid)
    await shot(own, 'cadre-sees')
  })
})
