import { Text, View } from '@tarojs/components'
import type { DriftItem, ReconcileReport } from '@/types/api/reconcile'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import './index.scss'

/** Plain names of what was checked. */
export const collectionLabels: Record<DriftItem['collection'], string> = {
  visitStats: '干部年度走访统计',
  visitDays: '下基层天数（按天）',
  serviceStats: '诉求和评价统计',
  households: '五必访户走访情况',
  placeMonths: '村（社区）当月走访次数'
}

const time = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) + '（UTC）' : '')
const value = (json: string) => (json === 'null' ? '（没有）' : json)

export interface ReconcileViewProps {
  state: Pick<CloudState<{ report: ReconcileReport | null }>, 'loading' | 'error' | 'data'>
  onRetry: () => void
}

/** 数据核对报告 (province admin): the latest nightly run — what was checked, what differed, what was repaired. */
export function ReconcileView({ state, onRetry }: ReconcileViewProps) {
  if (!state.data) {
    if (state.error) return <ErrorView error={state.error} onRetry={onRetry} retrying={state.loading} />
    return <LoadingView />
  }
  const r = state.data.report
  if (!r) return <EmptyView title='还没有核对记录' hint='系统每天凌晨自动核对一次统计数字，第一次核对后这里会显示结果。' />
  return (
    <View data-testid='reconcile'>
      <Card title='最近一次核对' testId='reconcile-summary'>
        <Text className='rec-text'>
          开始于 {time(r.startedAt)}，用时 {Math.round(r.ms / 100) / 10} 秒
        </Text>
        <Text className='rec-text'>
          核对了 {r.cadresChecked} 位干部的 {r.documentsChecked} 份统计
        </Text>
        <Text className={`rec-big${r.driftCount ? ' rec-big--warn' : ''}`} data-testid='reconcile-count'>
          {r.driftCount ? `发现 ${r.driftCount} 处不一致，已改正 ${r.repaired} 处` : '本系统的统计数字与原始记录一致'}
        </Text>
        {r.changed ? <Text className='rec-text'>{r.changed} 处在核对时正好有新记录写入，下次核对会再查。</Text> : null}
        <Text className='rec-text'>
          {r.pass.done
            ? `本轮（${r.years.join('、')} 年）已全部核对完，共 ${r.pass.cadres} 位干部。`
            : `本轮还在进行：已核对 ${r.pass.cadres} 位干部，下一次运行会接着做。`}
        </Text>
      </Card>
      {r.drift.length ? (
        <Card title='不一致的地方' testId='reconcile-drift'>
          {r.drift.map((d, i) => (
            <View key={`${d.docId}-${d.field}-${i}`} className='jdq-row' data-testid='drift-item'>
              <Text className='rec-item__title'>{collectionLabels[d.collection]}</Text>
              <Text className='rec-text'>
                {d.docId} · {d.field}
              </Text>
              <Text className='rec-text'>
                原来记的：{value(d.stored)}　按记录重算：{value(d.expected)}　{d.outcome === 'repaired' ? '已改正' : '待下次核对'}
              </Text>
            </View>
          ))}
          {r.truncated ? <Text className='rec-text'>只列出了前面一部分。</Text> : null}
        </Card>
      ) : null}
    </View>
  )
}
