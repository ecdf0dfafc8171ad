/**
 * 数据看板 in Chromium against the H5 build: a county manager opens it from the managers' page, sees the month's
 * totals and the trend drawn on a real canvas (pixels painted, not a blank box), switches to the quarter, and
 * drills down to a cadre. The figures are orgStats / cadreScores documents as the rankings job writes them.
 */
import { e2eApp } from '../helpers/e2e'
import { loadSdk } from '../helpers/emulator'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { cadreScoreId, emptyFigures, monthIdsOf, orgStatsId, periodKind, periodOf, previousMonth, type PeriodFigures } from '@/types/outcomes'
import { scaled } from '../helpers/time-scale'

describe('数据看板 in the H5 app, in Chromium', () => {
  const app = e2eApp(['dashboard', 'user'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const county = demo.orgs.find((o) => o._id === cadre.orgId)!

  const figures = (visits: number, cadres: number): PeriodFigures => {
    const f = emptyFigures(cadres)
    f.visits.total = visits
    f.days.count = Math.ceil(visits / 2)
    f.demands = { ...f.demands, raised: 6, solved: 5, solvedOnTime: 5, solvedByPath: { immediate: 3, coordinate: 1, report: 1 } }
    f.ratings = { ...f.ratings, count: 8, satisfied: 7, scoreSum: 36, byLevel: { verySatisfied: 4, satisfied: 3, dissatisfied: 1 }, bad: 1 }
    return f
  }

  it('the county manager opens the dashboard, sees charts drawn, switches period and drills down to a cadre', async () => {
    const db = loadSdk(app.url).database()
    const now = new Date()
    let m = periodOf('month', now)
    const months: string[] = []
    for (let i = 0; i < 12; i++, m = previousMonth(m)) months.push(m)
    for (const [i, period] of [...months, periodOf('quarter', now)].entries()) {
      await db
        .collection('orgStats')
        .doc(orgStatsId(county._id, period))
        .set({
          data: {
            orgId: county._id,
            orgName: county.name,
            parentId: county.parentId,
            orgPath: county.path,
            system: county.system,
            level: county.level,
            period,
            periodKind: periodKind(period),
            figures: figures(periodKind(period) === 'quarter' ? 77 : 30 - i * 2, 2),
            meanScore: 70,
            cadres: 2,
            satisfiedShare: 0.875,
            sortKey: '0',
            rank: 1,
            updatedAt: now
          }
        })
    }
    // The trend reads each year's document, which carries its months (so the months add up to the year).
    for (const year of [...new Set(months.map((x) => x.slice(0, 4)))]) {
      const f = figures(0, 2)
      f.months = Object.fromEntries(
        months.flatMap((month, i) =>
          month.startsWith(year) ? [[month, { visits: 30 - i * 2, days: 15 - i, demandsRaised: 6, demandsSolved: 5, ratings: 8, satisfied: 7 }]] : []
        )
      )
      await db
        .collection('orgStats')
        .doc(orgStatsId(county._id, year))
        .set({
          data: {
            orgId: county._id,
            orgName: county.name,
            parentId: county.parentId,
            orgPath: county.path,
            system: county.system,
            level: county.level,
            period: year,
            periodKind: 'year',
            figures: f,
            meanScore: 70,
            cadres: 2,
            satisfiedShare: 0.875,
            sortKey: '0',
            rank: 1,
            updatedAt: now
          }
        })
    }
    for (const period of [months[0], periodOf('quarter', now)]) {
      await db
        .collection('cadreScores')
        .doc(cadreScoreId(cadre._id, period))
        .set({
          data: {
            cadreId: cadre._id,
            cadreName: cadre.name,
            orgId: cadre.orgId,
            orgName: county.name,
            orgPath: cadre.orgPath,
            system: 'women',
            period,
            periodKind: periodKind(period),
            scope: { county: county._id, prefecture: county.parentId, province: county.path[0] },
            figures: figures(periodKind(period) === 'quarter' ? 40 : 16, 1),
            score: 82.5,
            satisfiedShare: 0.875,
            breakdown: [],
            sortKey: '0175',
            ranks: { county: 1, prefecture: 1, province: 1 },
            computedAt: now,
            updatedAt: now
          }
        })
    }
    expect(monthIdsOf(periodOf('quarter', now))).toContain(months[0])

    const page = await app.open({ as: demoAccounts.countyManager, at: '#/manager/pages/index/index' })
    await page.locator('[data-testid="open-dashboard"]').click({ timeout: scaled(30000) })
    await page.locator('[data-testid="dash-totals"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="tile-visits"]').textContent()).toContain('30')
    expect(await page.locator('[data-testid="tile-satisfied"]').textContent()).toContain('88%')
    expect(await page.locator('[data-testid="chart-paths-caption"]').textContent()).toBe('立即解决 3 件，协调解决 1 件，上报反映 1 件')

    // The trend's canvas really has ink on it (the red line), drawn at the device's pixel ratio.
    const canvas = page.locator('[data-testid="chart-trend"] canvas')
    await canvas.waitFor({ state: 'attached', timeout: scaled(30000) })
    await page.waitForFunction(
      (sel) => {
        const c = document.querySelector(sel) as HTMLCanvasElement | null
        if (!c || !c.width) return false
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
        let red = 0
        for (let i = 0; i < data.length; i += 4) if (data[i] > 150 && data[i + 1] < 80 && data[i + 3] > 0) red++
        return red > 50
      },
      '[data-testid="chart-trend"] canvas',
      { timeout: scaled(30000) }
    )
    const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ w: c.width, css: c.getBoundingClientRect().width }))
    expect(size.css).toBeGreaterThan(200)
    expect(size.w).toBeGreaterThanOrEqual(Math.round(size.css))
    await app.shot(page, 'dashboard-month')
    await canvas.scrollIntoViewIfNeeded()
    await app.shot(page, 'dashboard-trend')

    await page.locator('[data-testid="period-quarter"]').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-visits"]')?.textContent?.includes('77'), undefined, { timeout: scaled(30000) })

    await page.locator(`[data-testid="child-${cadre._id}"]`).click()
    await page.locator('[data-testid="cadre-dashboard"] [data-testid="dash-head"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    expect(await page.locator('[data-testid="dash-head"]').last().textContent()).toContain(cadre.name)
    await app.shot(page, 'dashboard-cadre')
    await page.context().close()
  })
})
