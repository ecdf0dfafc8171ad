import { Text, View } from '@tarojs/components'
import type { Demand, DemandFilter } from '@/types/demands'
import { demandAreas, demandStatusLabels, reportStateLabels, urgencies } from '@/types/labels'
import { BigButton } from '@/src/components/BigButton'
import { Chips, type ChipOption } from '@/src/components/Chips'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { optionsOf } from '@/src/components/Chips'
import { dateText } from '../../format'

export const filterOptions: ChipOption<DemandFilter>[] = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '办理中' },
  { value: 'overdue', label: '已超期' },
  { value: 'solved', label: '已办结' },
  { value: 'reported', label: '已上报' },
  { value: 'answered', label: '上级已答复' },
  { value: 'closed', label: '已答复群众' },
  { value: 'invalid', label: '无效' }
]

export interface NewDemandForm {
  open: boolean
  area: Demand['area'] | null
  urgency: Demand['urgency']
  text: string
}

export interface LedgerViewProps {
  filter: DemandFilter
  onFilter: (f: DemandFilter) => void
  list: PagedState<Demand>
  onRetry: () => void
  onMore: () => void
  onOpen: (id: string) => void
  /** A manager browsing one cadre's ledger: whose it is; read-only (no 登记). */
  cadreName?: string
  /** The cadre's own ledger: 登记一条诉求 (absent for a manager). */
  create?: NewDemandProps
}

export interface NewDemandProps {
  form: NewDemandForm
  onForm: (update: (f: NewDemandForm) => NewDemandForm) => void
  onCreate: () => void
  creating: boolean
  createError: string | null
  /** The last one was kept on the phone (no signal). */
  queued?: boolean
}

/**
 * 群众诉求台账 with filters; each row opens the demand's timeline. The cadre's own (with 登记一条诉求), or
 * one cadre's as their manager sees it (cadreName, read-only).
 */
export function LedgerView(p: LedgerViewProps) {
  return (
    <View data-testid='ledger'>
      {p.cadreName !== undefined ? (
        <Card testId='ledger-cadre'>
          <Text className='jdq-row__title'>{p.cadreName}的诉求台账</Text>
          <Text className='jdq-row__line'>点一条诉求，查看办理过程；未办结的可以督办。</Text>
        </Card>
      ) : null}
      <Chips options={filterOptions} value={p.filter} onChange={p.onFilter} testId='filter' bar />
      {p.create ? <NewDemand {...p.create} /> : null}
      <List {...p} />
    </View>
  )
}

function NewDemand(p: NewDemandProps) {
  if (!p.form.open) {
    return (
      <View className='jdq-actions'>
        {p.queued ? (
          <View className='jdq-banner jdq-banner--warn' data-testid='demand-queued'>
            <Text>没有信号，这条诉求已保存在手机上，有信号时自动登记到台账。</Text>
          </View>
        ) : null}
        <BigButton kind='plain' onClick={() => p.onForm((f) => ({ ...f, open: true }))} testId='open-new'>
          登记一条诉求
        </BigButton>
      </View>
    )
  }
  return (
    <Card title='登记群众诉求' testId='new-demand'>
      <Field label='类别'>
        <Chips options={optionsOf(demandAreas.labels)} value={p.form.area} onChange={(area) => p.onForm((f) => ({ ...f, area }))} testId='new-area' />
      </Field>
      <Field label='紧急程度'>
        <Chips options={optionsOf(urgencies)} value={p.form.urgency} onChange={(urgency) => p.onForm((f) => ({ ...f, urgency }))} testId='new-urgency' />
      </Field>
      <Field label='问题描述'>
        <TextArea value={p.form.text} onChange={(text) => p.onForm((f) => ({ ...f, text }))} testId='new-text' />
      </Field>
      {p.createError ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='create-error'>
          <Text>{p.createError}</Text>
        </View>
      ) : null}
      <BigButton onClick={p.onCreate} loading={p.creating} testId='create'>
        登记
      </BigButton>
    </Card>
  )
}

function List({ list, onRetry, onMore, onOpen, filter, cadreName }: LedgerViewProps) {
  const state = listState(
    list,
    onRetry,
    <EmptyView
      title={filter === 'overdue' ? '没有超期的诉求' : '这里还没有诉求'}
      hint={cadreName === undefined ? '走访时记下的问题、群众扫码反映的问题都会进台账。' : '这位干部走访时记下的问题、群众扫码反映的问题都会进台账。'}
    />
  )
  if (state) return state
  return (
    <View>
      <Card>
        {list.items.map((d) => (
          <DemandRow key={d.id} demand={d} onOpen={onOpen} />
        ))}
      </Card>
      <ListFooter list={list} onMore={onMore} />
    </View>
  )
}

export function DemandRow({ demand: d, onOpen }: { demand: Demand; onOpen: (id: string) => void }) {
  return (
    <View className='jdq-row' data-testid='demand' onClick={() => onOpen(d.id)}>
      <View className='jdq-row__head'>
        <Text className='jdq-row__title'>
          {demandAreas.labels[d.area]} · {d.triaged ? urgencies[d.urgency] : '待定紧急程度'}
        </Text>
        <View>
          {d.overdue ? (
            <Text className='jdq-tag jdq-tag--bad' data-testid='tag-overdue'>
              超期
            </Text>
          ) : null}
          {d.urgentHint && !d.triaged ? (
            <Text className='jdq-tag jdq-tag--wait' data-testid='tag-urgent-hint'>
              群众说急
            </Text>
          ) : null}
          {d.pendingExtension ? (
            <Text className='jdq-tag jdq-tag--wait' data-testid='tag-extension'>
              延期待审批
            </Text>
          ) : null}
          <Text className='jdq-tag jdq-tag--plain' data-testid='tag-status'>
            {demandStatusLabels[d.status]}
          </Text>
        </View>
      </View>
      <Text className='jdq-row__line'>{d.text}</Text>
      <Text className='jdq-row__line'>
        {d.status === 'open' || d.status === 'coordinating' ? `期限 ${dateText(d.deadlineAt)}` : `登记于 ${dateText(d.createdAt)}`}
        {d.report && d.status === 'reported' ? ` · 上报${d.report.toOrgName}，${reportStateLabels[d.report.state]}` : d.department ? ` · ${d.department}` : ''}
      </Text>
    </View>
  )
}
