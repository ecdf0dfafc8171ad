import { Text, View } from '@tarojs/components'
import type { BadReviewCase, Demand, Rating } from '../../../../types/service'
import { caseStatusLabels, demandStatusLabels, demandAreas, ratingLevels } from '../../../../types/labels'
import { BigButton } from '../../../components/BigButton'
import { Chips } from '../../../components/Chips'
import { Field, TextArea } from '../../../components/Field'
import { ListFooter, listState } from '../../../components/ListFooter'
import { Card, EmptyView } from '../../../components/StateViews'
import type { PagedState } from '../../../hooks/usePaged'
import { beijing } from '../../../../types/rules/beijing-time'

export type Tab = 'cases' | 'overdue' | 'appeals'
export type CaseAction = 'revisit' | 'rectify' | 'void' | 'supervise' | 'voidRating' | 'keepRating'

export interface Editing {
  id: string
  action: CaseAction
  text: string
  sending: boolean
  error: string | null
}

export interface CasesViewProps {
  tab: Tab
  onTab: (t: Tab) => void
  cases: PagedState<BadReviewCase>
  overdue: PagedState<Demand>
  appeals: PagedState<Rating>
  onRetry: () => void
  onMore: () => void
  editing: Editing | null
  onEdit: (e: { id: string; action: CaseAction } | null) => void
  onText: (text: string) => void
  onSend: () => void
  /** An overdue demand's detail: its timeline and progress notes (the cadre's demand page). */
  onOpenDemand: (id: string) => void
}

const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')
const actionLabels: Record<CaseAction, { button: string; field: string }> = {
  revisit: { button: '记录回访', field: '回访情况' },
  rectify: { button: '记录整改结果', field: '整改结果（会告诉群众）' },
  void: { button: '撤销这条评价（申诉）', field: '撤销理由（会记录在案）' },
  supervise: { button: '督办', field: '督办意见' },
  voidRating: { button: '申诉成立，撤销评价', field: '撤销理由（会记录在案）' },
  keepRating: { button: '维持评价', field: '维持的理由' }
}

/** The manager's queue: 差评 to follow up (回访 in 1 working day, 整改 in 15) and demands past their deadline. */
export function CasesView(p: CasesViewProps) {
  return (
    <View data-testid='manager-queue'>
      <Chips options={[{ value: 'cases', label: '差评回访' }, { value: 'overdue', label: '超期诉求' }, { value: 'appeals', label: '申诉' }]} value={p.tab} onChange={p.onTab} testId='tab' />
      {p.tab === 'cases' ? <CaseList {...p} /> : p.tab === 'overdue' ? <OverdueList {...p} /> : <AppealList {...p} />}
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
              <Text className='jdq-row__title'>{c.cadreName} · {ratingLevels.labels[c.level]}</Text>
              <View>
                {c.revisitOverdue || c.rectifyOverdue ? <Text className='jdq-tag jdq-tag--bad' data-testid='tag-late'>超时</Text> : null}
                <Text className='jdq-tag jdq-tag--plain' data-testid='case-status'>{caseStatusLabels[c.status]}</Text>
              </View>
            </View>
            <Text className='jdq-row__line'>{c.tags.join('、')}{c.comment ? `：“${c.comment}”` : ''}</Text>
            {c.contactPhone ? <Text className='jdq-row__line' data-testid='case-phone'>群众电话：{c.contactPhone}</Text> : null}
            <Text className='jdq-row__line'>回访期限 {when(c.revisitDueAt)} · 整改期限 {when(c.rectifyDueAt)}</Text>
            {c.revisit ? <Text className='jdq-row__line'>回访：{c.revisit.note}（{c.revisit.onTime ? '按时' : '超时'}）</Text> : null}
            {c.rectification ? <Text className='jdq-row__line'>整改：{c.rectification.result}</Text> : null}
            <EditOrButtons p={p} id={c.id} actions={c.status === 'revisit' ? ['revisit', 'void'] : c.status === 'rectifying' ? ['rectify', 'void'] : []} />
          </View>
        ))}
      </Card>
      <ListFooter list={p.cases} onMore={p.onMore} />
    </View>
  )
}

function OverdueList(p: CasesViewProps) {
  const state = listState(p.overdue, p.onRetry, <EmptyView title='没有超期的诉求' />)
  if (state) return state
  return (
    <View>
      <Card>
        {p.overdue.items.map((d) => (
          <View className='jdq-row' key={d.id} data-testid='overdue-demand'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{d.cadreName} · {demandAreas.labels[d.area]}</Text>
              <Text className='jdq-tag jdq-tag--bad'>超期 · {demandStatusLabels[d.status]}</Text>
            </View>
            <Text className='jdq-row__line'>{d.text}</Text>
            <Text className='jdq-row__line'>期限 {when(d.deadlineAt)}{d.supervised ? ` · 已督办 ${d.supervised} 次` : ''}</Text>
            <Text className='jdq-link' data-testid='open-overdue-demand' onClick={() => p.onOpenDemand(d.id)}>
              查看办理经过 ›
            </Text>
            <EditOrButtons p={p} id={d.id} actions={['supervise']} />
          </View>
        ))}
      </Card>
      <ListFooter list={p.overdue} onMore={p.onMore} />
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
              <Text className='jdq-row__title'>{r.cadreName} · {ratingLevels.labels[r.level]}</Text>
              <Text className='jdq-row__line'>{when(r.at)}</Text>
            </View>
            <Text className='jdq-row__line'>{r.tags.join('、')}{r.comment ? `：“${r.comment}”` : ''}</Text>
            {r.appeal ? <Text className='jdq-row__line' data-testid='appeal-reason'>申诉理由：{r.appeal.reason}</Text> : null}
            <EditOrButtons p={p} id={r.id} actions={['voidRating', 'keepRating']} />
          </View>
        ))}
      </Card>
      <ListFooter list={p.appeals} onMore={p.onMore} />
    </View>
  )
}

function EditOrButtons({ p, id, actions }: { p: CasesViewProps; id: string; actions: CaseAction[] }) {
  const e = p.editing
  if (e && e.id === id) {
    return (
      <View data-testid='edit-form'>
        <Field label={actionLabels[e.action].field}>
          <TextArea value={e.text} onChange={p.onText} maxlength={500} testId='edit-text' />
        </Field>
        {e.error ? <Text className='jdq-field__error' data-testid='edit-error'>{e.error}</Text> : null}
        <BigButton onClick={p.onSend} loading={e.sending} testId='edit-send'>确定</BigButton>
        <BigButton kind='plain' onClick={() => p.onEdit(null)}>取消</BigButton>
      </View>
    )
  }
  return (
    <View>
      {actions.map((a) => (
        <BigButton key={a} kind={a === 'void' || a === 'keepRating' ? 'plain' : 'primary'} onClick={() => p.onEdit({ id, action: a })} testId={`do-${a}`}>
          {actionLabels[a].button}
        </BigButton>
      ))}
    </View>
  )
}
