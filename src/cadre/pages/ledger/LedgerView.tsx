import { Text, View } from '@tarojs/components'
import type { Demand, DemandFilter } from '../../../../types/service'
import { demandStatusLabels, urgencies } from '../../../../types/service'
import { demandAreas } from '../../../../types/enums'
import { BigButton } from '../../../components/BigButton'
import { Chips, type ChipOption } from '../../../components/Chips'
import { Field, TextArea } from '../../../components/Field'
import { ListFooter } from '../../../components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '../../../components/StateViews'
import type { PagedState } from '../../../hooks/usePaged'
import { optionsOf } from '../../../components/Chips'
import { dateText } from '../../format'

export const filterOptions: ChipOption<DemandFilter>[] = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '办理中' },
  { value: 'overdue', label: '已超期' },
  { value: 'solved', label: '已办结' },
  { value: 'reported', label: '已上报' },
  { value: 'closed', label: '已答复' }
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
  form: NewDemandForm
  onForm: (update: (f: NewDemandForm) => NewDemandForm) => void
  onCreate: () => void
  creating: boolean
  createError: string | null
}

/** 群众诉求台账: my ledger with filters; a new entry; each row opens the demand's timeline. */
export function LedgerView(p: LedgerViewProps) {
  return (
    <View data-testid='ledger'>
      <Chips options={filterOptions} value={p.filter} onChange={p.onFilter} testId='filter' />
      {p.form.open ? (
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
          {p.createError ? <View className='jdq-banner jdq-banner--bad' data-testid='create-error'><Text>{p.createError}</Text></View> : null}
          <BigButton onClick={p.onCreate} loading={p.creating} testId='create'>
            登记
          </BigButton>
        </Card>
      ) : (
        <View className='jdq-state__action'>
          <BigButton kind='plain' onClick={() => p.onForm((f) => ({ ...f, open: true }))} testId='open-new'>
            登记一条诉求
          </BigButton>
        </View>
      )}
      <List {...p} />
    </View>
  )
}

function List({ list, onRetry, onMore, onOpen, filter }: LedgerViewProps) {
  if (!list.loaded) {
    if (list.error) return <ErrorView message={list.error.message} onRetry={onRetry} retrying={list.loading} />
    return <LoadingView />
  }
  if (list.items.length === 0) return <EmptyView title={filter === 'overdue' ? '没有超期的诉求' : '这里还没有诉求'} hint='走访时记下的问题、群众扫码反映的问题都会进台账。' />
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
          {demandAreas.labels[d.area]} · {urgencies[d.urgency]}
        </Text>
        <View>
          {d.overdue ? <Text className='jdq-tag jdq-tag--bad' data-testid='tag-overdue'>超期</Text> : null}
          <Text className='jdq-tag jdq-tag--plain' data-testid='tag-status'>{demandStatusLabels[d.status]}</Text>
        </View>
      </View>
      <Text className='jdq-row__line'>{d.text}</Text>
      <Text className='jdq-row__line'>
        {d.status === 'open' || d.status === 'coordinating' ? `期限 ${dateText(d.deadlineAt)}` : `登记于 ${dateText(d.createdAt)}`}
        {d.department ? ` · ${d.department}` : ''}
      </Text>
    </View>
  )
}
