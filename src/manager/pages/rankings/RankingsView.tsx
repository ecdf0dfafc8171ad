import { Text, View } from '@tarojs/components'
import { beijing } from '@/types/rules/beijing-time'
import type { RankedCadre, RankedUnit } from '@/types/outcomes'
import type { PeriodKind } from '@/types/outcomes'
import { Chips } from '@/src/components/Chips'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import { periodOptions } from '@/src/components/ScoreView'
import type { PagedState } from '@/src/hooks/usePaged'

export type RankView = 'units' | 'individuals'
export type RankRow = ({ type: 'unit' } & RankedUnit) | ({ type: 'cadre' } & RankedCadre)

export interface RankingsViewProps {
  /** The node shown (name for the heading); null = the manager's own. */
  title: string | null
  kind: PeriodKind
  onKind: (k: PeriodKind) => void
  view: RankView
  onView: (v: RankView) => void
  /** A county has no units below it: only its cadres. */
  canShowUnits: boolean
  list: PagedState<RankRow>
  onRetry: () => void
  onMore: () => void
  onOpenUnit: (u: RankedUnit) => void
  onOpenCadre: (c: RankedCadre) => void
  onOpenHonours?: () => void
  /** When the rankings job computed the rows, and how satisfaction entered the scores (from the last page read). */
  meta?: { computedAt: string | null; satisfactionRule: string | null } | null
}

const pct = (r: number | null) => (r === null ? '暂无评价' : `满意率 ${Math.round(r * 1000) / 10}%`)
const at = (iso: string) => beijing(iso).format('M月D日 HH:mm')

/** 成效排行: units by their cadres' mean score, or cadres by score; tap to go down a level or to a cadre. */
export function RankingsView(p: RankingsViewProps) {
  const empty = (
    <EmptyView
      title={p.view === 'units' ? '没有下级单位的排行' : '还没有干部的排行'}
      hint='排行白天每小时按群众满意度、诉求按时办结、差评回访整改和五必访计算一次；下基层天数和打卡次数不计分'
    />
  )
  const state = listState(p.list, p.onRetry, empty)
  return (
    <View data-testid='rankings'>
      {p.title ? (
        <Text className='rank-title' data-testid='rank-title'>
          {p.title}
        </Text>
      ) : null}
      <Chips options={periodOptions} value={p.kind} onChange={p.onKind} testId='period' bar />
      {p.canShowUnits ? (
        <Chips
          options={[
            { value: 'units', label: '下级单位' },
            { value: 'individuals', label: '干部个人' }
          ]}
          value={p.view}
          onChange={p.onView}
          testId='rank-view'
          bar
        />
      ) : null}
      {p.onOpenHonours ? (
        <View className='jdq-link' onClick={p.onOpenHonours} data-testid='open-honours'>
          <Text>表彰和通报名单 ›</Text>
        </View>
      ) : null}
      {p.meta?.computedAt ? (
        <Text className='jdq-hint' data-testid='rank-meta'>
          按 {at(p.meta.computedAt)} 的统计（白天每小时更新）{p.meta.satisfactionRule ? `；${p.meta.satisfactionRule}` : ''}
        </Text>
      ) : null}
      <RefreshError list={p.list} />
      {state ?? (
        <Card>
          {p.list.items.map((r) =>
            r.type === 'unit' ? (
              <View className='jdq-row' key={r.orgId} data-testid='rank-unit' onClick={() => p.onOpenUnit(r)}>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>
                    {r.rank ?? '—'}. {r.orgName}
                  </Text>
                  <Text className='rank-score'>{r.meanScore === null ? '—' : `${r.meanScore} 分`}</Text>
                </View>
                <Text className='jdq-row__line'>
                  {r.cadres} 位干部 · {pct(r.satisfiedShare)} · 办结诉求 {r.figures.demands.solved} 件 · 差评 {r.figures.ratings.bad} 条
                </Text>
                <Text className='jdq-row__line rank-more'>{r.hasChildren ? '查看下级单位 ›' : '查看干部 ›'}</Text>
              </View>
            ) : (
              <View className='jdq-row' key={r.cadreId} data-testid='rank-cadre' onClick={() => p.onOpenCadre(r)}>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>
                    {r.rank ?? '—'}. {r.cadreName}
                  </Text>
                  <Text className='rank-score'>{r.score} 分</Text>
                </View>
                <Text className='jdq-row__line'>
                  {r.orgName} · {pct(r.satisfiedShare)}（{r.ratings} 条评价{r.ratings > 0 && r.scoredShare === null ? '，不足计分条数' : ''}）· 办结诉求{' '}
                  {r.demandsSolved} 件
                </Text>
                <Text className='jdq-row__line rank-more'>下基层 {r.days} 天（只看进度，不计分）</Text>
              </View>
            )
          )}
          <ListFooter list={p.list} onMore={p.onMore} />
        </Card>
      )}
    </View>
  )
}
