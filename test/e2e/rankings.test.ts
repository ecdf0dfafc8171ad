/**
 * 成效排行 and 表彰 in Chromium against the H5 build on the emulator: with the demo outcomes ranked
 * (scripts/seed/demo-outcomes.ts, as `npm start` does), the demo prefecture manager opens the ranking, drills
 * down from a county to a cadre and reads the score's breakdown, then publishes the month's 表彰 list; a cadre
 * of the prefecture then sees their own score with the rule that made it — and no rank: ranks are for managers.
 */
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { seedOutcomes } from '@/scripts/seed/demo-outcomes'
import { demoAccounts } from '@/scripts/seed/demo-data'
import type { HonourList } from '@/types/outcomes'
import { scaled } from '../helpers/time-scale'

describe('成效排行 and 表彰 in the H5 app, in Chromium', () => {
  const app = e2eApp(['rankings'])

  it('a manager opens the ranking, drills down to a cadre, publishes the month’s 表彰 list', async () => {
    const r = await seedOutcomes(app.url)
    expect(r.ranked).toBe(true)

    const page = await app.open({ as: demoAccounts.prefectureManager, at: '#/manager/pages/index/index' })
    await page.locator('[data-testid="open-rankings"]').click({ timeout: scaled(30000) })
    // The prefecture's counties, by their cadres' mean score.
    const units = page.locator('[data-testid="rank-unit"]')
    await units.first().waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await units.count()).toBeGreaterThan(1)
    expect(await units.first().textContent()).toMatch(/^1\. /)
    await app.shot(page, 'rankings-units')
    await units.filter({ hasText: '城东区' }).click()
    // The county's cadres, then one cadre's score and breakdown.
    const cadres = page.locator('[data-testid="rank-cadre"]')
    await cadres.first().waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await cadres.count()).toBe(2)
    await cadres.first().click()
    await page.locator('[data-testid="score-value"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="part-satisfaction"]').textContent()).toContain('6 条评价中 6 条满意')
    // The manager sees the rank, as of the job's run; days stand beside the score, not in it.
    expect(await page.locator('[data-testid="score-rank"]').first().textContent()).toContain('第 1 名')
    expect(await page.locator('[data-testid="score-days"]').textContent()).toContain('只看进度，不计分')
    expect(await page.locator('[data-testid="part-days"]').count()).toBe(0)
    await app.shot(page, 'rankings-cadre')
    await page.context().close()

    // The month's 表彰 list of the prefecture: a draft from the rules, published once.
    const honours = await app.open({ as: demoAccounts.prefectureManager, at: '#/manager/pages/honours/index' })
    await honours.locator('[data-testid="honour-draft"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await honours.locator('[data-testid="honour-entry"]').count()).toBeGreaterThan(0)
    expect(await honours.locator('[data-testid="honour-entry"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('城东区')]))
    await honours.locator('[data-testid="publish"]').click()
    await honours.locator('.taro-modal__content').waitFor({ state: 'visible', timeout: scaled(30000) })
    await honours.locator('.taro-model__confirm').click()
    await honours.locator('[data-testid="honour-published"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await honours.locator('[data-testid="honour-published"]').textContent()).toContain('发布')
    expect(await honours.locator('[data-testid="publish"]').count()).toBe(0)
    await app.shot(honours, 'honours-published')
    await honours.context().close()

    // The cadre's own 我的成效: the same score, the rule that scored it, and no rank (the province keeps ranks to managers).
    const own = await app.open({ as: demoAccounts.cadre, at: '#/cadre/pages/outcomes/index' })
    await own.locator('[data-testid="score-value"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await own.locator('[data-testid="score-rule"]').textContent()).toContain('满 5 条评价才计分')
    expect(await own.locator('[data-testid="score-rank"]').count()).toBe(0)
    expect(await own.locator('[data-testid="score-rank-hidden"]').textContent()).toContain('排名只给管理员看')
    await app.shot(own, 'outcomes-own')
    await own.context().close()

    // Everyone in the prefecture reads it.
    const read = await callAs<{ items: HonourList[] }>(app.url, demoAccounts.cadre, 'rankings', { action: 'published', kind: 'honours' })
    if (!read.ok) throw new Error(read.message)
    expect(read.data.items[0]).toMatchObject({ status: 'published', orgId: 'org-women-xining' })
  })
})
