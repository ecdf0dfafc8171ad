import { randomUUID } from 'node:crypto'
/**
 * A deadline the cadre cannot move, in Chromium against the H5 build: the cadre hands a demand to a department
 * with a date past its deadline, which becomes an extension request (the deadline stays); the county manager finds
 * it in 延期申请 and approves it with a reason; the cadre sees the new deadline next to the first one.
 */
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { demoAccounts } from '@/scripts/seed/demo-data'
import type { Demand, DemandDetail } from '@/types/demands'
import { scaled } from '../helpers/time-scale'

describe('an extension request and its approval, in the H5 app, in Chromium', () => {
  const app = e2eApp(['demands', 'ratings', 'user'])
  const visible = { state: 'visible' as const, timeout: scaled(30000) }

  it('the cadre asks for a later date through 协调解决; the manager approves it; the deadline moves', async () => {
    const created = await callAs<Demand>(app.url, demoAccounts.cadre, 'demands', {
      action: 'create',
      submissionId: randomUUID(),
      area: 'housing',
      urgency: 'general',
      text: '危房需要加固'
    })
    if (!created.ok) throw new Error(created.message)
    const d = created.data
    const detail = await callAs<DemandDetail>(app.url, demoAccounts.cadre, 'demands', { action: 'get', demandId: d.id })
    if (!detail.ok) throw new Error(detail.message)
    const { due, maxExtension } = detail.data.deadlineBounds!

    // The cadre: 协调解决 with the department's date, past the deadline, and why.
    const cadre = await app.open({ as: demoAccounts.cadre, at: `#/cadre/pages/demand/index?id=${encodeURIComponent(d.id)}` })
    await cadre.locator('[data-testid="action-coordinate"]').click({ timeout: scaled(30000) })
    expect(await cadre.locator('[data-testid="action-form"]').textContent()).toContain(`办结期限 ${due}`)
    await cadre.locator('[data-testid="field-department"] input').fill('区住建局')
    await cadre.locator('[data-testid="field-deadline"] input').fill(maxExtension)
    await cadre.locator('[data-testid="action-submit"]').click()
    // Past the deadline without a reason: refused, and said why.
    await cadre.locator('[data-testid="action-error"]').waitFor(visible)
    expect(await cadre.locator('[data-testid="action-error"]').textContent()).toContain('延期理由')
    await cadre.locator('[data-testid="field-reason"] textarea').fill('住建局要等鉴定报告')
    await cadre.locator('[data-testid="action-submit"]').click()
    await cadre.locator('[data-testid="tag-extension"]').waitFor(visible)
    expect(await cadre.locator('[data-testid="actions"]').textContent()).toContain('下一步')
    expect(await cadre.locator('[data-testid="demand-status"]').textContent()).toBe('协调办理中')
    expect(await cadre.locator('[data-testid="demand-deadline"]').textContent()).not.toContain('已批准延期')
    await app.shot(cadre, 'ledger-extension-requested')

    // The county manager: 延期申请 → 同意延期, with a reason.
    const manager = await app.open({ as: demoAccounts.countyManager, at: '#/manager/pages/cases/index?tab=extensions' })
    const row = manager.locator('[data-testid="extension-request"]').filter({ hasText: '危房需要加固' })
    await row.waitFor(visible)
    expect(await row.textContent()).toContain('住建局要等鉴定报告')
    await row.locator('[data-testid="do-approveExtension"]').click()
    await manager.locator('[data-testid="edit-text"] textarea').fill('鉴定需要时间，同意')
    await app.shot(manager, 'ledger-extension-queue')
    await manager.locator('[data-testid="edit-send"]').click()
    await row.waitFor({ state: 'detached', timeout: scaled(30000) })
    await manager.context().close()

    // The cadre: the new deadline, with the first one beside it.
    await cadre.reload()
    await cadre.locator('[data-testid="demand-deadline"]').waitFor(visible)
    expect(await cadre.locator('[data-testid="demand-deadline"]').textContent()).toContain('已批准延期')
    expect(await cadre.locator('[data-testid="tag-extension"]').count()).toBe(0)
    expect(await cadre.locator('[data-testid="extensions"]').textContent()).toContain('已同意')
    await app.shot(cadre, 'ledger-extension-approved')
    await cadre.context().close()
  })
})
