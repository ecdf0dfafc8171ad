import { fireEvent, render, screen } from '@testing-library/react'
import { RankingsView, type RankRow } from '@/src/manager/pages/rankings/RankingsView'
import { HonoursView, type HonoursViewProps } from '@/src/manager/pages/honours/HonoursView'
import { ScoreView } from '@/src/components/ScoreView'
import type { MyScore } from '@/types/api/rankings'
import type { HonourList } from '@/types/outcomes'
import { emptyFigures } from '@/types/outcomes'
import { computeScore, satisfactionRuleText } from '@/types/rules/score'
import { defaultOrgRules } from '@/types/org-rules'

const idle = { loading: false, error: null }
const paged = (items: RankRow[], more = false) => ({ items, loading: false, loadingMore: false, error: null, moreError: null, hasMore: more, loaded: true })

const unit = (id: string, name: string, rank: number, meanScore: number | null, level: 'prefecture' | 'county' = 'county'): RankRow => ({
  type: 'unit',
  orgId: id,
  orgName: name,
  level,
  hasChildren: level !== 'county',
  meanScore,
  cadres: 2,
  satisfiedShare: 0.9,
  rank,
  figures: emptyFigures(2)
})
const cadreRow = (id: string, name: string, rank: number, score: number): RankRow => ({
  type: 'cadre',
  cadreId: id,
  cadreName: name,
  orgId: 'c1',
  orgName: '城东区妇联',
  score,
  satisfiedShare: null,
  scoredShare: null,
  rank,
  days: 3,
  demandsSolved: 1,
  ratings: 0
})

function score(): MyScore {
  const f = emptyFigures(1)
  f.ratings = { ...f.ratings, count: 10, satisfied: 9, cases: 1, revisitOnTime: 1, rectified: 1 }
  f.demands = { ...f.demands, solved: 4, solvedOnTime: 3, overdue: 1 }
  f.fiveMustVisit = { households: 4, visited: 3 }
  f.days = { count: 5, target: 4.93, capped: 4.93, paused: 3 }
  const s = computeScore(f, defaultOrgRules)
  return {
    cadreId: 'u1',
    cadreName: '王芳',
    orgName: '城东区妇联',
    period: '2026-03',
    kind: 'month',
    computed: true,
    score: s.score,
    satisfiedShare: 0.9,
    breakdown: s.breakdown,
    satisfactionRule: satisfactionRuleText(defaultOrgRules),
    ranks: {
      county: { rank: 1, of: 2, orgName: '城东区妇联' },
      prefecture: { rank: 2, of: 9, orgName: '西宁市妇联' },
      province: { rank: 5, of: 40, orgName: '青海省妇联' }
    },
    rankVisible: true,
    ranksAt: '2026-03-20T03:00:00.000Z',
    tips: ['有 1 件诉求已超过期限，尽快办结或报请协调'],
    figures: f,
    computedAt: '2026-03-20T04:00:00.000Z'
  }
}

describe('成效排行 (managers)', () => {
  it('lists units by mean score and drills down; a cadre row opens the cadre', () => {
    const opened: string[] = []
    const props = {
      title: '西宁市妇联',
      kind: 'month' as const,
      onKind: () => {},
      view: 'units' as const,
      onView: () => {},
      canShowUnits: true,
      list: paged([unit('c1', '城东区妇联', 1, 71.5), unit('c2', '城中区妇联', 2, null)]),
      onRetry: () => {},
      onMore: () => {},
      onOpenUnit: (u: { orgId: string }) => opened.push(u.orgId),
      onOpenCadre: (c: { cadreId: string }) => opened.push(c.cadreId)
    }
    const { rerender } = render(<RankingsView {...props} />)
    const rows = screen.getAllByTestId('rank-unit')
    expect(rows[0].textContent).toContain('1. 城东区妇联')
    expect(rows[0].textContent).toContain('71.5 分')
    expect(rows[0].textContent).toContain('查看干部')
    expect(rows[1].textContent).toContain('—')
    fireEvent.click(rows[0])
    const few = { ...cadreRow('u2', '李华', 2, 50), satisfiedShare: 0.5, ratings: 2 } as RankRow
    rerender(
      <RankingsView
        {...props}
        view='individuals'
        list={paged([cadreRow('u1', '王芳', 1, 84), few], true)}
        meta={{ computedAt: '2026-03-20T04:00:00.000Z', satisfactionRule: '满意度：满 5 条评价才计分，按满意率计' }}
      />
    )
    fireEvent.click(screen.getAllByTestId('rank-cadre')[1])
    expect(opened).toEqual(['c1', 'u2'])
    const [first, second] = screen.getAllByTestId('rank-cadre')
    expect(first.textContent).toContain('暂无评价')
    // Too few ratings to score: the row says so beside the share; days are a pace figure, not a score.
    expect(second.textContent).toContain('满意率 50%（2 条评价，不足计分条数）')
    expect(second.textContent).toContain('下基层 3 天（只看进度，不计分）')
    // When the job computed it, and how satisfaction was scored.
    expect(screen.getByTestId('rank-meta').textContent).toBe('按 3月20日 12:00 的统计（白天每小时更新）；满意度：满 5 条评价才计分，按满意率计')
    expect(screen.getByTestId('load-more')).toBeTruthy()
  })

  it('says plainly when there is nothing ranked yet, and what counts', () => {
    render(
      <RankingsView
        title={null}
        kind='year'
        onKind={() => {}}
        view='individuals'
        onView={() => {}}
        canShowUnits={false}
        list={paged([])}
        onRetry={() => {}}
        onMore={() => {}}
        onOpenUnit={() => {}}
        onOpenCadre={() => {}}
      />
    )
    expect(screen.getByTestId('empty').textContent).toContain('下基层天数和打卡次数不计分')
    expect(screen.queryByTestId('rank-view')).toBeNull()
  })
})

describe('我的成效 (score view)', () => {
  it('shows the score, each outcome with what was counted, the rule, the days beside it, ranks where allowed, tips', () => {
    render(<ScoreView state={{ ...idle, data: score() }} kind='month' onKind={() => {}} onRetry={() => {}} own />)
    // 36 + 18 + 20 + 7.5
    expect(screen.getByTestId('score-value').textContent).toBe('81.5')
    expect(screen.getByTestId('part-satisfaction').textContent).toContain('36 / 40 分')
    expect(screen.getByTestId('part-satisfaction').textContent).toContain('10 条评价中 9 条满意')
    expect(screen.queryByTestId('part-days')).toBeNull()
    expect(screen.getByTestId('score-rule').textContent).toContain('满意度：满 5 条评价才计分，按满意率计')
    expect(screen.getByTestId('score-rule').textContent).toContain('下基层天数和打卡次数不计入得分')
    expect(screen.getByTestId('score-days').textContent).toContain('只看进度，不计分')
    expect(screen.getByTestId('score-days-line').textContent).toBe('本期下基层 5 天，按进度应有 4 天')
    expect(screen.getByTestId('score-days').textContent).toContain('其中 3 天请假、培训或抽调，不算进度')
    expect(screen.getByTestId('score-when').textContent).toBe('按 3月20日 12:00 的数据计算')
    expect(screen.getAllByTestId('score-rank').map((r) => r.textContent)).toEqual([
      '在城东区妇联排第 1 名（共 2 人）',
      '在西宁市妇联排第 2 名（共 9 人）',
      '在青海省妇联排第 5 名（共 40 人）'
    ])
    expect(screen.getByTestId('score-total').textContent).toContain('排名按 3月20日 11:00 的统计')
    expect(screen.getByTestId('score-tips').textContent).toContain('怎样提高得分')
    expect(screen.getByTestId('score-tips').textContent).toContain('超过期限')
  })

  it('a cadre whose province keeps ranks to managers sees no rank, and is told so', () => {
    const s = { ...score(), rankVisible: false, ranksAt: null, ranks: { county: null, prefecture: null, province: null } }
    render(<ScoreView state={{ ...idle, data: s }} kind='month' onKind={() => {}} onRetry={() => {}} own />)
    expect(screen.queryByTestId('score-rank')).toBeNull()
    expect(screen.getByTestId('score-rank-hidden').textContent).toContain('排名只给管理员看')
  })

  it('few ratings: the count only, and satisfaction 不计分 with the reason', () => {
    const s = score()
    s.figures = { ...s.figures, ratings: { ...s.figures.ratings, count: 2, satisfied: 0, byLevel: {} } }
    s.breakdown = computeScore(s.figures, defaultOrgRules).breakdown
    s.satisfiedShare = null
    render(<ScoreView state={{ ...idle, data: s }} kind='month' onKind={() => {}} onRetry={() => {}} own={false} />)
    expect(screen.getByTestId('part-satisfaction').textContent).toContain('不计分')
    expect(screen.getByTestId('part-satisfaction').textContent).toContain('本期 2 条评价，不足 5 条')
    expect(screen.getByTestId('score-total').textContent).toContain('2 条群众评价')
    expect(screen.getByTestId('score-total').textContent).toContain('王芳 的成效得分')
  })

  it('loading and error states', () => {
    const { rerender } = render(<ScoreView state={{ loading: true, error: null, data: undefined }} kind='month' onKind={() => {}} onRetry={() => {}} own />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    const retried: number[] = []
    rerender(
      <ScoreView
        state={{ loading: false, error: { code: 'UNAVAILABLE', message: '网络不太好' } as never, data: undefined }}
        kind='month'
        onKind={() => {}}
        onRetry={() => retried.push(1)}
        own
      />
    )
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
  })
})

describe('表彰和通报 (review and publish)', () => {
  const list = (over: Partial<HonourList> = {}): HonourList => ({
    id: 'honours_c1_2026-03',
    kind: 'honours',
    orgId: 'c1',
    orgName: '城东区妇联',
    month: '2026-03',
    status: 'draft',
    rule: '得分排名前 10 位，满意率不低于 90%',
    entries: [
      {
        cadreId: 'u1',
        cadreName: '王芳',
        orgName: '城东区妇联',
        score: 84,
        satisfiedShare: 0.9,
        ratings: 10,
        reasons: ['得分 84，满意率 90%（10 条评价）'],
        removed: null
      },
      {
        cadreId: 'u2',
        cadreName: '李华',
        orgName: '城东区妇联',
        score: 80,
        satisfiedShare: 1,
        ratings: 4,
        reasons: ['得分 80'],
        removed: { reason: '病假', byName: '张主席', at: '2026-03-20T04:00:00.000Z' }
      }
    ],
    generatedAt: '2026-03-20T04:00:00.000Z',
    published: null,
    canEdit: true,
    ...over
  })
  const base = (over: Partial<HonoursViewProps> = {}): HonoursViewProps => ({
    kind: 'honours',
    onKind: () => {},
    month: 'this',
    onMonth: () => {},
    state: { ...idle, data: list() },
    onRetry: () => {},
    onRefresh: () => {},
    busy: false,
    actionError: null,
    removing: null,
    onStartRemove: () => {},
    onReason: () => {},
    onConfirmRemove: () => {},
    onRestore: () => {},
    onPublish: () => {},
    ...over
  })

  it('a draft: take off with a reason, put back, publish the rest', () => {
    const calls: string[] = []
    const { rerender } = render(
      <HonoursView
        {...base({ onStartRemove: (id) => calls.push(`start:${id}`), onRestore: (id) => calls.push(`restore:${id}`), onPublish: () => calls.push('publish') })}
      />
    )
    expect(screen.getByTestId('honour-draft')).toBeTruthy()
    expect(screen.getByTestId('publish').textContent).toContain('1 人')
    fireEvent.click(screen.getByTestId('entry-remove'))
    fireEvent.click(screen.getByTestId('entry-restore'))
    fireEvent.click(screen.getByTestId('publish'))
    expect(calls).toEqual(['start:u1', 'restore:u2', 'publish'])
    rerender(<HonoursView {...base({ removing: { cadreId: 'u1', reason: '', error: '请写明理由（至少 2 个字）' } })} />)
    expect(screen.getByTestId('remove-reason-error').textContent).toContain('至少 2 个字')
  })

  it('published: who and when, no more editing; an empty list says why', () => {
    const { rerender } = render(
      <HonoursView
        {...base({ state: { ...idle, data: list({ status: 'published', canEdit: false, published: { byName: '张主席', at: '2026-03-31T02:00:00.000Z' } }) } })}
      />
    )
    expect(screen.getByTestId('honour-published').textContent).toContain('张主席 于 3月31日 10:00 发布')
    expect(screen.queryByTestId('publish')).toBeNull()
    expect(screen.queryByTestId('entry-remove')).toBeNull()
    rerender(<HonoursView {...base({ kind: 'notices', state: { ...idle, data: list({ kind: 'notices', entries: [] }) } })} />)
    expect(screen.getByTestId('empty').textContent).toContain('不看下基层天数')
  })
})
