import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { CadreDashboardView, DashboardView, periodLabel, type DashboardViewProps } from '@/src/manager/pages/dashboard/DashboardView'
import { ReconcileView } from '@/src/manager/pages/reconcile/ReconcileView'
import type { DashboardCadre, DashboardNode, TrendPoint } from '@/types/api/dashboard'
import type { ReconcileReport } from '@/types/api/reconcile'
import { emptyFigures, type PeriodFigures } from '@/types/outcomes'
import { CloudError } from '@/src/services/reply'

const idle = { loading: false, error: null }

const figures = (): PeriodFigures => {
  const f = emptyFigures(4)
  f.days = { count: 23, target: 30, capped: 20 }
  f.visits = { total: 41, byKind: { village: 30 } }
  f.demands = {
    ...f.demands,
    raised: 9,
    solved: 7,
    solvedOnTime: 6,
    finishedLate: 1,
    overdue: 1,
    solvedByPath: { immediate: 4, coordinate: 2, report: 1 },
    byArea: { living: 5, schooling: 4 }
  }
  f.ratings = {
    ...f.ratings,
    count: 10,
    byLevel: { verySatisfied: 5, satisfied: 3, dissatisfied: 2 },
    satisfied: 8,
    scoreSum: 40,
    meanScore: 4,
    bad: 2,
    revisitOnTime: 2,
    rectified: 1
  }
  f.fiveMustVisit = { households: 40, visited: 25 }
  f.fourHundred = { entered: 25, known: 20, relieved: 6, warmed: 30 }
  return f
}
const trend: TrendPoint[] = Array.from({ length: 12 }, (_, i) => ({
  month: `${i < 1 ? 2025 : 2026}-${String(i < 1 ? 12 : i).padStart(2, '0')}`,
  visits: i * 3,
  days: i,
  demandsRaised: 1,
  demandsSolved: 1,
  ratings: i % 2,
  satisfiedShare: i % 2 ? 0.8 : null
}))
const node = (over: Partial<DashboardNode> = {}): DashboardNode => ({
  kind: 'month',
  period: '2026-11',
  org: { id: 'org-women-xining', name: '西宁市妇联', level: 'prefecture' },
  trail: [{ id: 'org-women-xining', name: '西宁市妇联' }],
  figures: figures(),
  satisfiedShare: 0.8,
  computedAt: '2026-11-28T18:00:00.000Z',
  trend,
  children: [
    {
      kind: 'unit',
      id: 'org-women-xining-chengdong',
      name: '城东区妇联',
      level: 'county',
      cadres: 2,
      visits: 20,
      days: 12,
      demandsRaised: 5,
      demandsSolved: 4,
      ratings: 6,
      satisfiedShare: 0.83,
      score: 81.5
    },
    {
      kind: 'cadre',
      id: 'user-x',
      name: '王秀兰',
      level: null,
      cadres: 1,
      visits: 3,
      days: 2,
      demandsRaised: 0,
      demandsSolved: 0,
      ratings: 0,
      satisfiedShare: null,
      score: 60
    }
  ],
  ...over
})

const base = (over: Partial<DashboardViewProps> = {}): DashboardViewProps => ({
  state: { ...idle, data: node() },
  kind: 'month',
  onKind: () => {},
  onRetry: () => {},
  onOpenUnit: () => {},
  onOpenCadre: () => {},
  ...over
})

describe('数据看板 (managers)', () => {
  it('shows the totals, the charts with their figures in words, and the 12-month trend', () => {
    render(<DashboardView {...base()} />)
    expect(screen.getByTestId('dash-head').textContent).toContain('西宁市妇联')
    expect(screen.getByTestId('dash-head').textContent).toContain('2026年11月')
    // 18:00 UTC is 02:00 the next day in Beijing.
    expect(document.body.textContent).toContain('统计于 11月29日 02:00（白天每小时更新）')
    expect(screen.getByTestId('tile-days').textContent).toContain('23')
    expect(screen.getByTestId('tile-days').textContent).toContain('4 位干部合计')
    expect(screen.getByTestId('tile-visits').textContent).toContain('41')
    expect(screen.getByTestId('tile-demands').textContent).toContain('办结 7 件，按时 6 件')
    expect(screen.getByTestId('tile-satisfied').textContent).toContain('80%')
    expect(screen.getByTestId('chart-paths-caption').textContent).toBe('立即解决 4 件，协调解决 2 件，上报反映 1 件')
    expect(screen.getByTestId('chart-areas-caption').textContent).toContain('生活 5 件，上学 4 件')
    expect(screen.getByTestId('chart-levels-caption').textContent).toContain('非常满意 5 条')
    expect(screen.getByTestId('chart-trend-caption').textContent).toContain('11月：走访 33 次，下基层 11 天')
    expect(screen.getByTestId('chart-satisfaction-caption').textContent).toContain('满意率：11月 80%')
    // Two series: a legend names both lines.
    expect(screen.getByTestId('chart-trend').textContent).toContain('走访次数')
    expect(screen.getByTestId('chart-trend').textContent).toContain('下基层天数')
    // 五必访 and 四个百家 over the registry.
    expect(screen.getByTestId('tile-registry').textContent).toContain('今年走访过 25 户')
    expect(screen.getByTestId('tile-known').textContent).toBe('20知百家情占名册 50%')
    expect(screen.getByTestId('tile-relieved').textContent).toContain('占名册 15%')
  })

  it('says so when no household is registered', () => {
    const empty = figures()
    empty.fiveMustVisit = { households: 0, visited: 0 }
    render(<DashboardView {...base({ state: { ...idle, data: node({ figures: empty }) } })} />)
    expect(screen.getByTestId('dash-households').textContent).toContain('还没有登记五必访户')
    expect(screen.queryByTestId('tile-entered')).toBeNull()
  })

  it('drills down: a unit opens the unit, a cadre opens the cadre', async () => {
    const onOpenUnit = jest.fn()
    const onOpenCadre = jest.fn()
    render(<DashboardView {...base({ onOpenUnit, onOpenCadre })} />)
    expect(screen.getByTestId('child-org-women-xining-chengdong').textContent).toContain('县区 · 2 位干部')
    expect(screen.getByTestId('child-org-women-xining-chengdong').textContent).toContain('满意率 83%')
    await act(async () => {
      fireEvent.click(screen.getByTestId('child-org-women-xining-chengdong'))
      fireEvent.click(screen.getByTestId('child-user-x'))
    })
    expect(onOpenUnit).toHaveBeenCalledWith('org-women-xining-chengdong')
    expect(onOpenCadre).toHaveBeenCalledWith('user-x')
  })

  it('switches the period; while the other period loads it shows loading, not the old figures', async () => {
    const onKind = jest.fn()
    const { rerender } = render(<DashboardView {...base({ onKind })} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('period-quarter'))
    })
    expect(onKind).toHaveBeenCalledWith('quarter')
    rerender(<DashboardView {...base({ onKind, kind: 'quarter', state: { loading: true, error: null, data: node() } })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    expect(screen.queryByTestId('dash-totals')).toBeNull()
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度')
    expect(periodLabel('2026')).toBe('2026年')
  })

  it('empty (not computed yet), loading and error states', async () => {
    const { unmount } = render(
      <DashboardView {...base({ state: { ...idle, data: node({ figures: null, satisfiedShare: null, computedAt: null, children: [] }) } })} />
    )
    expect(screen.getByTestId('empty').textContent).toContain('还没有统计数据')
    expect(screen.getByTestId('dash-children').textContent).toContain('还没有下级单位或干部的统计')
    unmount()
    const r1 = render(<DashboardView {...base({ state: { loading: true, error: null, data: undefined } })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    r1.unmount()
    const onRetry = jest.fn()
    render(<DashboardView {...base({ onRetry, state: { loading: false, error: new CloudError('UNAVAILABLE', '网络不太好，请稍后再试'), data: undefined } })} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry'))
    })
    expect(onRetry).toHaveBeenCalled()
  })

  it('a cadre’s figures at the end of the drill-down', () => {
    const c: DashboardCadre = {
      kind: 'month',
      period: '2026-11',
      cadre: { id: 'user-x', name: '王秀兰', orgId: 'o', orgName: '城东区妇联' },
      figures: figures(),
      satisfiedShare: 0.8,
      score: 72.5,
      computedAt: null,
      trend
    }
    render(<CadreDashboardView state={{ ...idle, data: c }} kind='month' onKind={() => {}} onRetry={() => {}} />)
    expect(screen.getByTestId('dash-head').textContent).toContain('王秀兰')
    expect(screen.getByTestId('dash-head').textContent).toContain('综合得分 72.5')
    expect(screen.getByTestId('tile-visits').textContent).toContain('41')
  })
})

describe('数据核对报告 (province admin)', () => {
  const report = (over: Partial<ReconcileReport> = {}): ReconcileReport => ({
    runId: 'r1',
    passId: '2026-11-28',
    years: [2026],
    startedAt: '2026-11-27T17:00:00.000Z',
    ms: 4200,
    cadresChecked: 54,
    documentsChecked: 300,
    driftCount: 1,
    repaired: 1,
    changed: 0,
    truncated: false,
    stoppedEarly: false,
    drift: [{ collection: 'visitStats', docId: 'user-a_2026', cadreId: 'user-a', field: 'days', stored: '17', expected: '12', outcome: 'repaired' }],
    pass: { done: true, cadres: 54, drift: 1, startedAt: '2026-11-27T17:00:00.000Z', finishedAt: '2026-11-27T17:00:04.000Z' },
    ...over
  })
  it('lists each drift with stored and recomputed values', () => {
    render(<ReconcileView state={{ ...idle, data: { report: report() } }} onRetry={() => {}} />)
    expect(screen.getByTestId('reconcile-count').textContent).toBe('发现 1 处不一致，已改正 1 处')
    const item = screen.getByTestId('drift-item').textContent ?? ''
    expect(item).toContain('干部年度走访统计')
    expect(item).toContain('原来记的：17')
    expect(item).toContain('按记录重算：12')
    expect(screen.getByTestId('reconcile-summary').textContent).toContain('共 54 位干部')
  })
  it('no drift, no report yet, an unfinished pass', () => {
    const { unmount } = render(
      <ReconcileView
        state={{
          ...idle,
          data: {
            report: report({
              driftCount: 0,
              repaired: 0,
              drift: [],
              pass: { done: false, cadres: 20, drift: 0, startedAt: '2026-11-27T17:00:00.000Z', finishedAt: null }
            })
          }
        }}
        onRetry={() => {}}
      />
    )
    expect(screen.getByTestId('reconcile-count').textContent).toContain('一致')
    expect(screen.getByTestId('reconcile-summary').textContent).toContain('已核对 20 位干部，下一次运行会接着做')
    unmount()
    render(<ReconcileView state={{ ...idle, data: { report: null } }} onRetry={() => {}} />)
    expect(screen.getByTestId('empty').textContent).toContain('还没有核对记录')
  })
})
