import { Text, View } from '@tarojs/components'
import type { Demand } from '@/types/demands'
import { demandStatusLabels, invalidKindLabels, reportStateLabels } from '@/types/labels'
import { demandAreas } from '@/types/labels'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { beijing } from '@/types/rules/beijing-time'
import { EditOrButtons, type EditProps } from './EditOrButtons'

export interface QueueProps extends EditProps {
  list: PagedState<Demand>
  onRetry: () => void
  onMore: () => void
  /** A demand's detail: its timeline and every step (the demand page). */
  onOpenDemand: (id: string) => void
}

const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')
const day = (iso: string) => beijing(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso).format('M月D日')

function Queue({ p, empty, row }: { p: QueueProps; empty: string; row: (d: Demand) => JSX.Element }) {
  const state = listState(p.list, p.onRetry, <EmptyView title={empty} />)
  if (state) return state
  return (
    <View>
      <Card>{p.list.items.map(row)}</Card>
      <ListFooter list={p.list} onMore={p.onMore} />
    </View>
  )
}

function Head({ d, tag, bad }: { d: Demand; tag: string; bad?: boolean }) {
  return (
    <View className='jdq-row__head'>
      <Text className='jdq-row__title'>
        {d.cadreName} · {demandAreas.labels[d.area]}
      </Text>
      <Text className={`jdq-tag ${bad ? 'jdq-tag--bad' : 'jdq-tag--wait'}`}>{tag}</Text>
    </View>
  )
}

const Open = ({ p, id }: { p: QueueProps; id: string }) => (
  <Text className='jdq-link' data-testid='open-demand' onClick={() => p.onOpenDemand(id)}>
    查看办理经过 ›
  </Text>
)

/** Demands past their deadline in the manager's subtree, most overdue first: 督办. */
export function OverdueList({ p }: { p: QueueProps }) {
  return (
    <Queue
      p={p}
      empty='没有超期的诉求'
      row={(d) => (
        <View className='jdq-row' key={d.id} data-testid='overdue-demand'>
          <Head d={d} tag={`超期 · ${demandStatusLabels[d.status]}`} bad />
          <Text className='jdq-row__line'>{d.text}</Text>
          <Text className='jdq-row__line'>
            期限 {when(d.deadlineAt)}
            {d.supervised ? ` · 已督办 ${d.supervised} 次` : ''}
          </Text>
          <Open p={p} id={d.id} />
          <EditOrButtons p={p} id={d.id} actions={['supervise']} />
        </View>
      )}
    />
  )
}

/** Extension requests waiting in the subtree: the date asked, why, the deadline now; approve or refuse with a reason. */
export function ExtensionList({ p }: { p: QueueProps }) {
  return (
    <Queue
      p={p}
      empty='没有待审批的延期申请'
      row={(d) => (
        <View className='jdq-row' key={d.id} data-testid='extension-request'>
          <Head d={d} tag={d.overdue ? '已超期' : '待审批'} bad={d.overdue} />
          <Text className='jdq-row__line'>{d.text}</Text>
          <Text className='jdq-row__line' data-testid='extension-dates'>
            现在的期限 {day(d.deadlineAt)}，申请延期到 {d.pendingExtension ? day(d.pendingExtension.until) : ''}
          </Text>
          {d.pendingExtension ? <Text className='jdq-row__line'>理由：{d.pendingExtension.reason}</Text> : null}
          <Open p={p} id={d.id} />
          <EditOrButtons p={p} id={d.id} actions={['approveExtension', 'refuseExtension']} />
        </View>
      )}
    />
  )
}

/** Reports sent to the manager's own unit and not answered: 签收, then answer or return to the cadre. */
export function ReportList({ p }: { p: QueueProps }) {
  return (
    <Queue
      p={p}
      empty='没有待答复的上报'
      row={(d) => {
        const r = d.report!
        return (
          <View className='jdq-row' key={d.id} data-testid='reported-demand'>
            <Head d={d} tag={reportStateLabels[r.state]} />
            <Text className='jdq-row__line'>{d.text}</Text>
            <Text className='jdq-row__line'>上报原因：{r.reason}</Text>
            <Text className='jdq-row__line'>
              上报于 {when(r.at)} · 请在 {day(r.answerDueAt)} 前答复
            </Text>
            <Open p={p} id={d.id} />
            <EditOrButtons
              p={p}
              id={d.id}
              actions={r.state === 'sent' ? ['receiveReport', 'answerReport', 'returnReport'] : ['answerReport', 'returnReport']}
            />
          </View>
        )
      }}
    />
  )
}

/** Entries set aside as spam or duplicates in the subtree, with who did it and why: a manager can put one back. */
export function InvalidList({ p }: { p: QueueProps }) {
  return (
    <Queue
      p={p}
      empty='没有标为无效的诉求'
      row={(d) => (
        <View className='jdq-row' key={d.id} data-testid='invalid-demand'>
          <Head d={d} tag={d.invalid ? invalidKindLabels[d.invalid.kind] : '无效'} />
          <Text className='jdq-row__line'>{d.text}</Text>
          {d.invalid ? (
            <Text className='jdq-row__line' data-testid='invalid-reason'>
              {d.invalid.byName}于 {when(d.invalid.at)} 标记：{d.invalid.reason}
            </Text>
          ) : null}
          <Open p={p} id={d.id} />
          <EditOrButtons p={p} id={d.id} actions={['reinstate']} />
        </View>
      )}
    />
  )
}
