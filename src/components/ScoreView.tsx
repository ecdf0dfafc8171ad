import { Text, View } from '@tarojs/components'
import type { MyScore } from '@/types/api/rankings'
import type { PeriodKind } from '@/types/outcomes'
import { periodKindLabels } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'
import type { CloudState } from '../hooks/useCloud'
import { Chips } from './Chips'
import { Card, ErrorView, LoadingView } from './StateViews'
import './ScoreView.scss'

export const periodOptions = (Object.keys(periodKindLabels) as PeriodKind[]).map((value) => ({ value, label: periodKindLabels[value] }))

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

export interface ScoreViewProps {
  state: Pick<CloudState<MyScore>, 'loading' | 'error' | 'data'>
  kind: PeriodKind
  onKind: (k: PeriodKind) => void
  onRetry: () => void
  /** The cadre looks at their own score (the words say 您). */
  own: boolean
}

/** 成效得分: the score, each component's points with what was counted, the ranks, and what would raise it. */
export function ScoreView({ state, kind, onKind, onRetry, own }: ScoreViewProps) {
  return (
    <View data-testid='score'>
      <Chips options={periodOptions} value={kind} onChange={onKind} testId='period' bar />
      <ScoreBody state={state} onRetry={onRetry} own={own} />
    </View>
  )
}

const at = (iso: string | null) => (iso ? beijing(iso).format('M月D日 HH:mm') : '')

function ScoreBody({ state, onRetry, own }: Pick<ScoreViewProps, 'state' | 'onRetry' | 'own'>) {
  if (!state.data) {
    if (state.error) return <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} />
    return <LoadingView />
  }
  const s = state.data
  const ranks = [s.ranks.county, s.ranks.prefecture, s.ranks.province].filter((r): r is NonNullable<typeof r> => r !== null)
  const d = s.figures.days
  return (
    <View>
      <Card testId='score-total'>
        <Text className='score-name'>{own ? '我的成效得分' : `${s.cadreName} 的成效得分`}</Text>
        <View className='score-big'>
          <Text className='score-big__value' data-testid='score-value'>
            {s.score}
          </Text>
          <Text className='score-big__unit'>分（满分 100）</Text>
        </View>
        <Text className='score-line'>
          {s.orgName} ·{' '}
          {s.satisfiedShare === null ? `${s.figures.ratings.count} 条群众评价` : `满意率 ${pct(s.satisfiedShare)}（${s.figures.ratings.count} 条评价）`}
        </Text>
        {s.computedAt ? (
          <Text className='score-when' data-testid='score-when'>
            按 {at(s.computedAt)} 的数据计算
          </Text>
        ) : null}
        {ranks.map((r) => (
          <Text className='score-line' key={r.orgName} data-testid='score-rank'>
            在{r.orgName}排第 {r.rank ?? '—'} 名（共 {r.of} 人）
          </Text>
        ))}
        {ranks.length && s.ranksAt ? <Text className='score-when'>排名按 {at(s.ranksAt)} 的统计</Text> : null}
        {own && !s.rankVisible ? (
          <Text className='score-when' data-testid='score-rank-hidden'>
            排名只给管理员看：这里是您自己的成效和提高的办法
          </Text>
        ) : null}
      </Card>
      <Card title='得分怎么算的' testId='score-breakdown'>
        {s.breakdown.map((c) => (
          <View className='jdq-row' key={c.key} data-testid={`part-${c.key}`}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{c.label}</Text>
              <Text className='score-points'>{c.ratio === null ? '不计分' : `${c.points} / ${c.effectiveWeight} 分`}</Text>
            </View>
            <Text className='jdq-row__line'>{c.detail}</Text>
          </View>
        ))}
        <Text className='score-note' data-testid='score-rule'>
          {s.satisfactionRule}。没有数据的项不计分，其余各项按比例放大到 100 分。同分时满意度高的在前，再看办结诉求多少。下基层天数和打卡次数不计入得分。
        </Text>
      </Card>
      <Card title='下基层天数（只看进度，不计分）' testId='score-days'>
        <Text className='score-line' data-testid='score-days-line'>
          本期下基层 {d.count} 天，按进度应有 {Math.floor(d.target)} 天
        </Text>
        {d.paused ? <Text className='score-when'>其中 {d.paused} 天请假、培训或抽调，不算进度</Text> : null}
      </Card>
      {s.tips.length ? (
        <Card title={own ? '怎样提高得分' : '可以改进的地方'} testId='score-tips'>
          {s.tips.map((t) => (
            <Text className='score-tip' key={t}>
              · {t}
            </Text>
          ))}
        </Card>
      ) : null}
    </View>
  )
}
