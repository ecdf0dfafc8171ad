/**
 * A manager browses one cadre's 办实事 ledger in Chromium against the H5 build: from the cadre's 两联 page
 * (manager subpackage) to the cadre's ledger and a demand's timeline (cadre subpackage pages, opened with
 * the cadre's id), and 督办 it; the cadre then finds the problem under the visit it was raised on, with its
 * state, and the 督办 in its timeline.
 */
import { checkInNear, e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '../helpers/time-scale'

describe('a manager’s view of a cadre’s ledger, in the H5 app, in Chromium', () => {
  const app = e2eApp(['visit', 'demands', 'points', 'user'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  it('the manager opens the cadre’s ledger and presses a demand; the cadre sees it from the visit', async () => {
    // The cadre visits and records a problem (through the gateway, as the app would): it becomes a ledger entry.
    const visitId = (await checkInNear(app.url, demoAccounts.cadre, point)).visit.id
    const saved = await callAs(app.url, demoAccounts.cadre, 'visit', {
      action: 'saveRecord',
      visitId,
      category: 'village',
      method: 'homeVisit',
      peopleMet: { count: 3 },
      problems: [{ area: 'living', text: '东门路灯坏了三盏', handling: 'coordinate' }]
    })
    if (!saved.ok) throw new Error(saved.message)

    // The county manager: the cadre's 两联 → 诉求台账 → the demand → 督办.
    const manager = await app.open({ as: demoAccounts.countyManager, at: `#/manager/pages/cadres/index?cadreId=${encodeURIComponent(cadre._id)}` })
    await manager.locator('[data-testid="open-ledger"]').click({ timeout: scaled(30000) })
    await manager.locator('[data-testid="ledger-cadre"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await manager.locator('[data-testid="ledger-cadre"]').textContent()).toContain(`${cadre.name}的诉求台账`)
    expect(await manager.locator('[data-testid="open-new"]').count()).toBe(0)
    const row = manager.locator('[data-testid="demand"]').filter({ hasText: '东门路灯坏了三盏' })
    await row.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await row.locator('[data-testid="tag-status"]').textContent()).toBe('待办理')
    await row.click()
    await manager.locator('[data-testid="action-supervise"]').click({ timeout: scaled(30000) })
    await manager.locator('[data-testid="field-note"] textarea').fill('请本周内协调住建局修好')
    await manager.locator('[data-testid="action-submit"]').click()
    await manager.locator('[data-testid="demand-supervised"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await manager.locator('[data-testid="step"]').last().textContent()).toContain('请本周内协调住建局修好')
    await app.shot(manager, 'manager-supervised')
    await manager.context().close()

    // The cadre: the visit lists the problem with its state; it opens the demand with the 督办 in its timeline.
    const own = await app.open({ as: demoAccounts.cadre, at: `#/cadre/pages/visit/index?id=${encodeURIComponent(visitId)}` })
    const problem = own.locator('[data-testid="raised-problem"]').filter({ hasText: '东门路灯坏了三盏' })
    await problem.waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await problem.locator('[data-testid="problem-status"]').textContent()).toBe('待办理')
    await problem.locator('[data-testid="open-demand"]').click()
    await own.locator('[data-testid="demand-detail"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await own.locator('[data-testid="timeline"]').textContent()).toContain('督办')
    await own.locator('[data-testid="action-resolve"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await own.locator('[data-testid="action-supervise"]').count()).toBe(0)
    await app.shot(own, 'cadre-visit-demand')
    await own.context().close()
  })
})
