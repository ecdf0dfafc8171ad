import { Text, View } from '@tarojs/components'
import type { Pack } from '@/types/packs'
import type { PeriodFigures } from '@/types/outcomes'
import { fourInto } from '@/types/enums'
import { surveyPurposes, surveyStatuses } from '@/types/surveys'
import { fourHundredKeys, fourHundredLabels, targetCount } from '@/types/rules/four-hundred'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { dayText, percent } from '../../format'
import './index.scss'

export interface PackViewProps {
  periods: { value: string; label: string }[]
  period: string
  onPeriod: (p: string) => void
  pack: Pick<CloudState<Pack>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onPrint?: () => void
  onExport: () => void
  exporting: boolean
  exportDone: boolean
  error: string | null
  onOpenRow: (row: Pack['rows'][number]) => void
}

const line = (label: string, value: string | number, testId?: string) => (
  <View key={label} className='pk-line' data-testid={testId}>
    <Text className='pk-line__label'>{label}</Text>
    <Text className='pk-line__value'>{value}</Text>
  </View>
)

/** A month-end or year-end pack: the period's figures (the dashboard's own), the 三问 digest and surveys, printable. */
export function PackView(p: PackViewProps) {
  const k = p.pack.data
  const head = <Chips options={p.periods} value={p.period} onChange={p.onPeriod} testId='pack-period' bar />
  if (!k) {
    if (p.pack.error)
      return (
        <View>
          {head}
          <ErrorView error={p.pack.error} onRetry={p.onRetry} retrying={p.pack.loading} />
        </View>
      )
    return (
      <View>
        {head}
        <LoadingView />
      </View>
    )
  }
  const f = k.figures
  return (
    <View data-testid='pack'>
      <View className='pk-noprint'>{head}</View>
      <Card title={`${k.subject.name} ${k.periodLabel}工作汇总`} testId='pack-head'>
        <Text className='jdq-hint'>{k.subject.orgName}</Text>
        <Text className='jdq-hint' data-testid='pack-computed'>
          {k.computedAt ? `数据统计于 ${dayText(k.computedAt)}，与数据看板一致` : '本期数据还没有统计出来（每小时统计一次），请稍后再看'}
        </Text>
      </Card>
      {f ? <Figures f={f} k={k} /> : null}
      <Card title='三问摘要（群众说了什么）' testId='pack-voices'>
        {k.voices.items.length === 0 ? <Text className='jdq-text'>本期没有三问记录。</Text> : null}
        {k.voices.items.map((v) => (
          <View key={v.visitId} className='jdq-row' data-testid='pack-voice'>
            <Text className='jdq-row__line'>
              {dayText(v.date)} · {v.cadreName} · {v.pointName}
            </Text>
            {v.policy ? <Text className='jdq-text'>问政：{v.policy}</Text> : null}
            {v.needs ? <Text className='jdq-text'>问需：{v.needs}</Text> : null}
            {v.advice ? <Text className='jdq-text'>问计：{v.advice}</Text> : null}
          </View>
        ))}
        {k.voices.more ? <Text className='jdq-hint'>只列最近 20 条，全部请看“三问记录”。</Text> : null}
      </Card>
      <Card title='调查问卷' testId='pack-surveys'>
        {k.surveys.length === 0 ? <Text className='jdq-text'>本期没有发放问卷。</Text> : null}
        {k.surveys.map((s) => (
          <Text key={s.id} className='jdq-text' data-testid='pack-survey'>
            {s.title}（{surveyPurposes[s.purpose]}，{surveyStatuses[s.status]}）：收回 {s.answers} 份{k.scope === 'unit' ? ` · ${s.ownerName}` : ''}
          </Text>
        ))}
      </Card>
      {k.rows.length ? (
        <Card title='下级单位和干部' testId='pack-rows'>
          {k.rows.map((r) => (
            <View key={`${r.kind}-${r.id}`} className='jdq-row' data-testid='pack-row' onClick={() => p.onOpenRow(r)}>
              <Text className='jdq-row__title'>{r.name}</Text>
              <Text className='jdq-row__line'>
                走访 {r.figures.visits.total} 次 · 天数 {r.figures.days.count} · 诉求办结 {r.figures.demands.solved}/{r.figures.demands.raised} · 满意率{' '}
                {percent(r.satisfiedShare)}
              </Text>
            </View>
          ))}
        </Card>
      ) : null}
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='pack-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <View className='jdq-actions pk-noprint'>
        <BigButton onClick={p.onExport} loading={p.exporting} testId='pack-export'>
          {p.exportDone ? '打开 Excel 表格' : '导出 Excel 表格'}
        </BigButton>
        {p.onPrint ? (
          <>
            <View className='jdq-gap' />
            <BigButton kind='plain' onClick={p.onPrint} testId='pack-print'>
              打印
            </BigButton>
          </>
        ) : null}
      </View>
    </View>
  )
}

function Figures({ f, k }: { f: PeriodFigures; k: Pack }) {
  const hh = f.fiveMustVisit.households
  const four = f.fourHundred
  return (
    <>
      <Card title='下基层' testId='pack-visits'>
        {line('走访次数', f.visits.total, 'pack-visit-total')}
        {line('下基层天数', `${f.days.count} 天（全年目标 ${k.daysTarget} 天）`)}
        <View className='pk-four'>
          {fourInto.ids.map((kind) => (
            <Text key={kind} className='pk-chip' data-testid={`pack-kind-${kind}`}>
              {fourInto.labels[kind]} {f.visits.byKind[kind] ?? 0}
            </Text>
          ))}
        </View>
      </Card>
      <Card title='五必访和四个百家' testId='pack-four'>
        {line('一户一册登记户数', hh)}
        {line('五必访今年已走访', `${f.fiveMustVisit.visited} 户`)}
        {fourHundredKeys.map((key) =>
          line(fourHundredLabels[key], `${four?.[key] ?? 0} 户（目标 ${targetCount(hh, k.fourHundredTargets[key])} 户）`, `pack-four-${key}`)
        )}
      </Card>
      <Card title='办实事' testId='pack-demands'>
        {line('登记诉求', f.demands.raised)}
        {line('立即解决', f.demands.solvedByPath.immediate)}
        {line('协调解决', f.demands.solvedByPath.coordinate)}
        {line('上报反映', f.demands.solvedByPath.report)}
        {line('按时办结', `${f.demands.solvedOnTime} / ${f.demands.solved}`)}
        {line('超期未办', f.demands.overdue)}
      </Card>
      <Card title='群众评价' testId='pack-ratings'>
        {line('评价条数', f.ratings.count)}
        {line('满意率', percent(k.satisfiedShare))}
        {line('差评', `${f.ratings.bad}（按时回访 ${f.ratings.revisitOnTime}，已整改 ${f.ratings.rectified}）`)}
      </Card>
    </>
  )
}
