import { Text, View } from '@tarojs/components'
import type { BadReviewCase, Rating } from '@/types/service'
import type { Demand } from '@/types/demands'
import { caseStatusLabels, ratingLevels } from '@/types/labels'
import { Chips, type ChipOption } from '@/src/components/Chips'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { beijing } from '@/types/rules/beijing-time'
import { EditOrButtons, type CaseAction, type EditProps, type Editing } from './EditOrButtons'
import { ExtensionList, InvalidList, OverdueList, ReportList } from './DemandQueues'

export type Tab = 'cases' | 'overdue' | 'extensions' | 'reports' | 'invalid' | 'appeals'
export type { CaseAction, Editing }

export const tabOptions: ChipOption<Tab>[] = [
  { value: 'cases', label: '差评回访' },
  { value: 'overdue', label: '超期诉求' },
  { value: 'extensions', label: '延期申请' },
  { value: 'reports', label: '上报待答复' },
  { value: 'invalid', label: '无效诉求' },
  { value: 'appeals', label: '申诉' }
]

export interface CasesViewProps extends EditProps {
  tab: Tab
  onTab: (t: Tab) => void
  cases: PagedState<BadReviewCase>
  overdue: PagedState<Demand>
  extensions?: PagedState<Demand>
  reports?: PagedState<Demand>
  invalid?: PagedState<Demand>
  appeals: PagedState<Rating>
  onRetry: () => void
  onMore: () => void
  /** A demand's detail: its timeline and progress notes (the cadre's demand page). */
  onOpenDemand: (id: string) => void
}

const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')
const none = { items: [], loading: false, loadingMore: false, error: null, moreError: null, hasMore: false, loaded: true }

/**
 * The manager's queue: 差评 to follow up (回访 in 1 working day, 整改 in 15), demands past their deadline, extension
 * requests to decide, reports sent to this unit to 签收 and answer, entries set aside as invalid, appeals.
 */
export function CasesView(p: CasesViewProps) {
  const queue = (list: PagedState<Demand> | undefined) => ({ ...p, list: list ?? none })
  return (
    <View data-testid='manager-queue'>
      <Chips options={tabOptions} value={p.tab} onChange={p.onTab} testId='tab' bar />
      {p.tab === 'cases' ? <CaseList {...p} /> : null}
      {p.tab === 'overdue' ? <OverdueList p={queue(p.overdue)} /> : null}
      {p.tab === 'extensions' ? <ExtensionList p={queue(p.extensions)} /> : null}
      {p.tab === 'reports' ? <ReportList p={queue(p.reports)} /> : null}
      {p.tab === 'invalid' ? <InvalidList p={queue(p.invalid)} /> : null}
      {p.tab === 'appeals' ? <AppealList {...p} /> : null}
    </View>
  )
}

function CaseList(p: CasesViewProps) {
  const state = listState(p.cases, p.onRetry, <EmptyView title='没有待处理的差评' />)
  if (state) return state
  return (
    <View>
      <Card>
        {p.cases.items.map((c) => (
          <View className='jdq-row' key={c.id} data-testid='case'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>
                {c.cadreName} · {ratingLevels.labels[c.level]}
              </Text>
              <View>
                {c.revisitOverdue || c.rectifyOverdue ? (
                  <Text className='jdq-tag jdq-tag--bad' data-testid='tag-late'>
                    超时
                  </Text>
                ) : null}
                <Text className='jdq-tag jdq-tag--plain' data-testid='case-status'>
                  {caseStatusLabels[c.status]}
                </Text>
              </View>
            </View>
            <Text className='jdq-row__line'>
              {c.tags.join('、')}
              {c.comment ? `：“${c.comment}”` : ''}
            </Text>
            {c.contactPhone ? (
              <Text className='jdq-row__line' data-testid='case-phone'>
                群众电话：{c.contactPhone}
              </Text>
            ) : null}
            <Text className='jdq-row__line'>
              回访期限 {when(c.revisitDueAt)} · 整改期限 {when(c.rectifyDueAt)}
            </Text>
            {c.revisit ? (
              <Text className='jdq-row__line'>
                回访：{c.revisit.note}（{c.revisit.onTime ? '按时' : '超时'}）
              </Text>
            ) : null}
            {c.rectification ? <Text className='jdq-row__line'>整改：{c.rectification.result}</Text> : null}
            <EditOrButtons p={p} id={c.id} actions={c.status === 'revisit' ? ['revisit', 'void'] : c.status === 'rectifying' ? ['rectify', 'void'] : []} />
          </View>
        ))}
      </Card>
      <ListFooter list={p.cases} onMore={p.onMore} />
    </View>
  )
}

function AppealList(p: CasesViewProps) {
  const state = listState(p.appeals, p.onRetry, <EmptyView title='没有待处理的申诉' />)
  if (state) return state
  return (
    <View>
      <Card>
        {p.appeals.items.map((r) => (
          <View className='jdq-row' key={r.id} data-testid='appeal'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>
                {r.cadreName} · {ratingLevels.labels[r.level]}
              </Text>
              <Text className='jdq-row__line'>{when(r.at)}</Text>
            </View>
            <Text className='jdq-row__line'>
              {r.tags.join('、')}
              {r.comment ? `：“${r.comment}”` : ''}
            </Text>
            {r.appeal ? (
              <Text className='jdq-row__line' data-testid='appeal-reason'>
                申诉理由：{r.appeal.reason}
              </Text>
            ) : null}
            <EditOrButtons p={p} id={r.id} actions={['voidRating', 'keepRating']} />
          </View>
        ))}
      </Card>
      <ListFooter list={p.appeals} onMore={p.onMore} />
    </View>
  )
}
