import { Text, View } from '@tarojs/components'
import type { DashboardCadre, DashboardChild, DashboardNode, TrendPoint } from '@/types/api/dashboard'
import type { PeriodFigures, PeriodKind } from '@/types/outcomes'
import { periodKindLabels, demandAreas, orgLevels, ratingLevels } from '@/types/labels'
import { Chips } from '@/src/components/Chips'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { Chart } from '../../components/charts/Chart'
import { monthLabel, percent } from '../../components/charts/model'
import { beijing } from '@/types/rules/beijing-time'
import { fourHundredKeys, fourHundredLabels } from '@/types/rules/four-hundred'
import './index.scss'

const RED = '#c8161d'
const BLUE = '#2f6f9f'
const AMBER = '#d08a00'

export const kindOptions = (Object.keys(periodKindLabels) as PeriodKind[]).map((value) => ({ value, label: periodKindLabels[value] }))

/** '2026-11' → 2026年11月, '2026-Q4' → 2026年第4季度, '2026' → 2026年. */
export function periodLabel(period: string): string {
  const y = period.slice(0, 4)
  if (period.length === 4) return `${y}年`
  if (period[5] === 'Q') return `${y}年第${period.slice(6)}季度`
  return `${y}年${Number(period.slice(5, 7))}月`
}

const share = (v: number | null) => (v === null ? '暂无评价' : percent(v))
// Beijing time: an hourly figure computed at 00:30 Beijing is still the previous day in UTC.
const when = (iso: string | null) => (iso ? `统计于 ${beijing(iso).format('M月D日 HH:mm')}` : '')

function Tile({ label, value, note, testId }: { label: string; value: string | number; note?: string; testId?: string }) {
  return (
    <View className='dash-tile' data-testid={testId}>
      <Text className='dash-tile__value'>{value}</Text>
      <Text className='dash-tile__label'>{label}</Text>
      {note ? <Text className='dash-tile__note'>{note}</Text> : null}
    </View>
  )
}

/** The period's totals, and the breakdowns as bars (demands by path and by area, ratings by level). */
export function FiguresBlock({ figures, satisfiedShare }: { figures: PeriodFigures; satisfiedShare: number | null }) {
  const f = figures
  const paths = [
    ['立即解决', f.demands.solvedByPath.immediate],
    ['协调解决', f.demands.solvedByPath.coordinate],
    ['上报反映', f.demands.solvedByPath.report]
  ] as const
  const areas = (Object.keys(demandAreas.labels) as (keyof typeof demandAreas.labels)[]).filter((a) => (f.demands.byArea[a] ?? 0) > 0)
  const levels = Object.keys(ratingLevels.labels) as (keyof typeof ratingLevels.labels)[]
  return (
    <>
      <Card title='总体情况' testId='dash-totals'>
        <View className='dash-tiles'>
          <Tile label='下基层天数' value={f.days.count} note={`${f.cadres > 1 ? `${f.cadres} 位干部合计，` : ''}只看进度，不计分`} testId='tile-days' />
          <Tile label='走访次数' value={f.visits.total} testId='tile-visits' />
          <Tile label='群众诉求' value={f.demands.raised} note={`办结 ${f.demands.solved} 件，按时 ${f.demands.solvedOnTime} 件`} testId='tile-demands' />
          <Tile label='满意率' value={share(satisfiedShare)} note={`${f.ratings.count} 条评价`} testId='tile-satisfied' />
          <Tile
            label='差评'
            value={f.ratings.bad}
            note={`回访 ${f.ratings.revisitOnTime + f.ratings.revisitLate} 件，整改 ${f.ratings.rectified} 件`}
            testId='tile-bad'
          />
          <Tile label='超期未办' value={f.demands.overdue} testId='tile-overdue' />
        </View>
      </Card>
      <Card title='诉求怎么解决的' testId='dash-paths'>
        {f.demands.solved > 0 ? (
          <Chart
            kind='bar'
            labels={paths.map((p) => p[0])}
            series={[{ name: '件数', color: RED, values: paths.map((p) => p[1]) }]}
            height={150}
            caption={paths.map(([l, v]) => `${l} ${v} 件`).join('，')}
            testId='chart-paths'
          />
        ) : (
          <Text className='dash-text'>这个时间段还没有办结的诉求</Text>
        )}
        {areas.length ? (
          <Chart
            kind='bar'
            labels={areas.map((a) => demandAreas.labels[a])}
            series={[{ name: '件数', color: AMBER, values: areas.map((a) => f.demands.byArea[a] ?? 0) }]}
            height={150}
            caption={`按领域：${areas.map((a) => `${demandAreas.labels[a]} ${f.demands.byArea[a]} 件`).join('，')}`}
            testId='chart-areas'
          />
        ) : null}
      </Card>
      <Card title='群众满意度' testId='dash-ratings'>
        {f.ratings.count > 0 ? (
          <Chart
            kind='bar'
            labels={levels.map((l) => ratingLevels.labels[l])}
            series={[{ name: '条数', color: BLUE, values: levels.map((l) => f.ratings.byLevel[l] ?? 0) }]}
            height={150}
            caption={levels.map((l) => `${ratingLevels.labels[l]} ${f.ratings.byLevel[l] ?? 0} 条`).join('，')}
            testId='chart-levels'
          />
        ) : (
          <Text className='dash-text'>这个时间段还没有群众评价</Text>
        )}
      </Card>
      <HouseholdsCard figures={f} />
    </>
  )
}

/**
 * 五必访 and 四个百家 over the 一户一册 registry (of the year the period falls in): how many households, how many with
 * each fact, as a share of the registry. Coverage to follow up, never part of a score.
 */
function HouseholdsCard({ figures: f }: { figures: PeriodFigures }) {
  const registry = f.fiveMustVisit.households
  const ofRegistry = (n: number) => (registry > 0 ? `占名册 ${percent(n / registry)}` : undefined)
  return (
    <Card title='五必访和四个百家' testId='dash-households'>
      {registry > 0 ? (
        <>
          <View className='dash-tiles'>
            <Tile label='名册户数' value={registry} note={`今年走访过 ${f.fiveMustVisit.visited} 户`} testId='tile-registry' />
            {fourHundredKeys.map((k) => (
              <Tile key={k} label={fourHundredLabels[k]} value={f.fourHundred?.[k] ?? 0} note={ofRegistry(f.fourHundred?.[k] ?? 0)} testId={`tile-${k}`} />
            ))}
          </View>
          <Text className='dash-text'>按一户一册登记的户数统计今年的情况，只看覆盖，不计分。</Text>
        </>
      ) : (
        <Text className='dash-text'>还没有登记五必访户</Text>
      )}
    </Card>
  )
}

/** Visits and days over the last 12 months (line), and satisfaction month by month. */
export function TrendBlock({ trend }: { trend: TrendPoint[] }) {
  if (!trend.length) return null
  const labels = trend.map((t) => monthLabel(t.month))
  const last = trend[trend.length - 1]
  const anyShare = trend.some((t) => t.satisfiedShare !== null)
  return (
    <Card title='近 12 个月' testId='dash-trend'>
      <Chart
        kind='line'
        labels={labels}
        series={[
          { name: '走访次数', color: RED, values: trend.map((t) => t.visits) },
          { name: '下基层天数', color: BLUE, values: trend.map((t) => t.days) }
        ]}
        caption={`${monthLabel(last.month)}：走访 ${last.visits} 次，下基层 ${last.days} 天；诉求 ${last.demandsRaised} 件，办结 ${last.demandsSolved} 件`}
        testId='chart-trend'
      />
      {anyShare ? (
        <Chart
          kind='line'
          share
          labels={labels}
          series={[{ name: '满意率', color: AMBER, values: trend.map((t) => t.satisfiedShare) }]}
          height={140}
          caption={`满意率：${monthLabel(last.month)} ${share(last.satisfiedShare)}`}
          testId='chart-satisfaction'
        />
      ) : null}
    </Card>
  )
}

function ChildRow({ c, onOpen }: { c: DashboardChild; onOpen: () => void }) {
  return (
    <View className='jdq-row' data-testid={`child-${c.id}`} onClick={onOpen}>
      <View className='jdq-row__head'>
        <Text className='dash-child__name'>{c.name}</Text>
        <Text className='dash-child__go'>{c.kind === 'unit' ? `${c.level ? orgLevels.labels[c.level] : ''} · ${c.cadres} 位干部 ›` : '干部 ›'}</Text>
      </View>
      <Text className='dash-text'>
        走访 {c.visits} 次 · 下基层 {c.days} 天 · 诉求办结 {c.demandsSolved}/{c.demandsRaised} · 满意率 {share(c.satisfiedShare)}
        {c.score !== null ? ` · 得分 ${c.score}` : ''}
      </Text>
    </View>
  )
}

function PeriodSwitch({ kind, onKind }: { kind: PeriodKind; onKind: (k: PeriodKind) => void }) {
  return <Chips options={kindOptions} value={kind} onChange={onKind} testId='period' bar />
}

export interface DashboardViewProps {
  state: Pick<CloudState<DashboardNode>, 'loading' | 'error' | 'data'>
  kind: PeriodKind
  onKind: (kind: PeriodKind) => void
  onRetry: () => void
  onOpenUnit: (orgId: string) => void
  onOpenCadre: (cadreId: string) => void
}

/** 数据看板 of a node: totals, trend, breakdowns, then its child units and cadres to drill into. */
export function DashboardView({ state, kind, onKind, onRetry, onOpenUnit, onOpenCadre }: DashboardViewProps) {
  const d = state.data
  const stale = d && d.kind !== kind
  return (
    <View data-testid='dashboard'>
      <PeriodSwitch kind={kind} onKind={onKind} />
      {!d || stale ? (
        state.error ? (
          <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} />
        ) : (
          <LoadingView />
        )
      ) : (
        <>
          {state.error ? <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} /> : null}
          <View className='dash-head' data-testid='dash-head'>
            <Text className='dash-head__name'>{d.org.name}</Text>
            <Text className='dash-text'>
              {periodLabel(d.period)}
              {d.trail.length > 1 ? ` · ${d.trail.map((t) => t.name).join(' › ')}` : ''}
            </Text>
            {d.computedAt ? <Text className='dash-text'>{when(d.computedAt)}（白天每小时更新）</Text> : null}
          </View>
          {d.figures ? (
            <FiguresBlock figures={d.figures} satisfiedShare={d.satisfiedShare} />
          ) : (
            <EmptyView title='这个时间段还没有统计数据' hint='数据白天每小时统计一次。干部有了走访、诉求和群众评价后，一小时内就能在这里看到。' />
          )}
          <TrendBlock trend={d.trend} />
          <Card title='下级单位和干部' testId='dash-children'>
            {d.children.length ? (
              d.children.map((c) => <ChildRow key={`${c.kind}-${c.id}`} c={c} onOpen={() => (c.kind === 'unit' ? onOpenUnit(c.id) : onOpenCadre(c.id))} />)
            ) : (
              <Text className='dash-text'>这个时间段还没有下级单位或干部的统计</Text>
            )}
          </Card>
        </>
      )}
    </View>
  )
}

export interface CadreDashboardViewProps {
  state: Pick<CloudState<DashboardCadre>, 'loading' | 'error' | 'data'>
  kind: PeriodKind
  onKind: (kind: PeriodKind) => void
  onRetry: () => void
}

/** One cadre's figures (the end of the drill-down). */
export function CadreDashboardView({ state, kind, onKind, onRetry }: CadreDashboardViewProps) {
  const d = state.data
  const stale = d && d.kind !== kind
  return (
    <View data-testid='cadre-dashboard'>
      <PeriodSwitch kind={kind} onKind={onKind} />
      {!d || stale ? (
        state.error ? (
          <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} />
        ) : (
          <LoadingView />
        )
      ) : (
        <>
          {state.error ? <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} /> : null}
          <View className='dash-head' data-testid='dash-head'>
            <Text className='dash-head__name'>{d.cadre.name}</Text>
            <Text className='dash-text'>
              {d.cadre.orgName} · {periodLabel(d.period)}
              {d.score !== null ? ` · 综合得分 ${d.score}` : ''}
            </Text>
            {d.computedAt ? (
              <Text className='dash-text' data-testid='dash-live'>
                按 {beijing(d.computedAt).format('M月D日 HH:mm')} 的数据实时计算
              </Text>
            ) : null}
          </View>
          {d.figures ? (
            <FiguresBlock figures={d.figures} satisfiedShare={d.satisfiedShare} />
          ) : (
            <EmptyView title='这个时间段还没有统计数据' hint='数据白天每小时统计一次，有了走访、诉求和群众评价后就会显示。' />
          )}
          <TrendBlock trend={d.trend} />
        </>
      )}
    </View>
  )
}
