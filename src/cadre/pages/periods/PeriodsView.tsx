import { Picker, Text, View } from '@tarojs/components'
import { cadrePeriodKindLabels, cadrePeriodStatusLabels, isPauseKind, type CadrePeriod, type CadrePeriodKind } from '@/types/cadre-periods'
import { checkPeriod } from '@/types/rules/cadre-periods'
import { BigButton } from '@/src/components/BigButton'
import { Chips, optionsOf } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

/** own: a cadre's own spans; cadre: a manager looking after one cadre; queue: a manager's spans waiting for approval. */
export type PeriodsMode = 'own' | 'cadre' | 'queue'

export interface PeriodDraft {
  kind: CadrePeriodKind | null
  from: string
  to: string
  place: string
  note: string
}

export interface PeriodsViewProps {
  mode: PeriodsMode
  /** The cadre a manager records for (mode 'cadre'). */
  cadreName?: string
  today: string
  list: PagedState<CadrePeriod>
  onRetry: () => void
  onMore: () => void
  /** null: the form is closed (never open in the queue). */
  draft: PeriodDraft | null
  onDraft: (d: PeriodDraft | null) => void
  saving: boolean
  saveError: string | null
  onSave: () => void
  /** The row being acted on (its buttons show it is busy). */
  busyId: string | null
  onCancel: (p: CadrePeriod) => void
  /** Queue: approve, or turn down with the reason typed in `rejecting`. */
  onReview: (p: CadrePeriod, decision: 'approve' | 'reject') => void
  rejecting: { id: string; note: string } | null
  onRejecting: (r: { id: string; note: string } | null) => void
}

const kindOptions = optionsOf(cadrePeriodKindLabels)
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
const emptyDraft = (today: string): PeriodDraft => ({ kind: null, from: today, to: today, place: '', note: '' })

/** What is wrong with a draft, in words — the server's own rule (types/rules/cadre-periods.ts); null: ready. */
export function draftProblem(d: PeriodDraft, today: string): string | null {
  if (!d.kind) return '请选择请假、培训、抽调或蹲点'
  return checkPeriod({ kind: d.kind, from: d.from, to: d.to, place: d.place.trim() }, today)
}

/** 请假、培训、抽调 pause the pace toward the year's days; an approved 蹲点 counts its days. The list, a form, and for managers the approvals. */
export function PeriodsView(p: PeriodsViewProps) {
  const empty = (
    <EmptyView
      title={p.mode === 'queue' ? '没有等待审批的登记' : '还没有登记'}
      hint={p.mode === 'queue' ? '干部登记的请假、培训、抽调和蹲点会出现在这里。' : undefined}
    />
  )
  const state = listState(p.list, p.onRetry, empty)
  return (
    <View data-testid='periods'>
      {p.mode !== 'queue' ? (
        <Card testId='periods-intro'>
          <Text className='jdq-hint'>
            {p.mode === 'cadre' ? `为 ${p.cadreName ?? '这位干部'}登记，登记后即生效。` : ''}
            请假、培训、抽调期间，下基层进度暂停，也不会收到进度提醒。蹲点（在基层连续住几天）经管理员审批后，每一天都计入下基层天数。
          </Text>
        </Card>
      ) : null}
      {p.mode !== 'queue' ? (
        p.draft ? (
          <Form {...p} draft={p.draft} />
        ) : (
          <View className='jdq-actions'>
            <BigButton kind='plain' onClick={() => p.onDraft(emptyDraft(p.today))} testId='open-form'>
              ＋ 登记请假、培训、抽调或蹲点
            </BigButton>
          </View>
        )
      ) : null}
      <RefreshError list={p.list} />
      {state ?? (
        <Card>
          {p.list.items.map((x) => (
            <Row key={x.id} p={p} x={x} />
          ))}
          <ListFooter list={p.list} onMore={p.onMore} />
        </Card>
      )}
    </View>
  )
}

function DateField({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <Field label={label}>
      <Picker mode='date' value={value} onChange={(e: { detail: { value: string } }) => onChange(e.detail.value)}>
        <Text className='period-date' data-testid={testId}>
          {value}
        </Text>
      </Picker>
    </Field>
  )
}

function Form(p: PeriodsViewProps & { draft: PeriodDraft }) {
  const d = p.draft
  const set = (patch: Partial<PeriodDraft>) => p.onDraft({ ...d, ...patch })
  const stay = d.kind === 'stay'
  return (
    <Card title='登记' testId='period-form'>
      <Field label='类别'>
        <Chips options={kindOptions} value={d.kind} onChange={(kind) => set({ kind })} testId='period-kind' />
      </Field>
      <DateField label={stay ? '蹲点第一天' : '开始日期'} value={d.from} onChange={(from) => set({ from })} testId='period-from' />
      <DateField label={stay ? '蹲点最后一天' : '结束日期'} value={d.to} onChange={(to) => set({ to })} testId='period-to' />
      {stay ? (
        <Field label='蹲点的地方' hint='村、社区、牧区定居点或企业的名字'>
          <TextInput value={d.place} onChange={(place) => set({ place })} maxlength={50} testId='period-place' />
        </Field>
      ) : null}
      <Field label='说明（可不填）'>
        <TextInput value={d.note} onChange={(note) => set({ note })} maxlength={200} testId='period-note' />
      </Field>
      {p.saveError ? (
        <Text className='jdq-field__error' data-testid='period-error'>
          {p.saveError}
        </Text>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onSave} loading={p.saving} testId='period-save'>
          {stay && p.mode === 'own' ? '提交审批' : '登记'}
        </BigButton>
        <BigButton kind='plain' onClick={() => p.onDraft(null)} testId='period-close'>
          取消
        </BigButton>
      </View>
    </Card>
  )
}

function Row({ p, x }: { p: PeriodsViewProps; x: CadrePeriod }) {
  const busy = p.busyId === x.id
  const mayCancel = x.status === 'pending' || (p.mode === 'cadre' && x.status === 'approved' && isPauseKind(x.kind))
  const rejecting = p.rejecting?.id === x.id ? p.rejecting : null
  return (
    <View className='jdq-row' data-testid='period-row'>
      <View className='jdq-row__head'>
        <Text className='jdq-row__title'>
          {p.mode === 'queue' ? `${x.cadreName} · ` : ''}
          {cadrePeriodKindLabels[x.kind]} {md(x.from)}—{md(x.to)}（{x.days} 天）
        </Text>
        <Text className={`jdq-tag jdq-tag--${x.status === 'approved' ? 'ok' : x.status === 'pending' ? 'wait' : 'bad'}`} data-testid='period-status'>
          {cadrePeriodStatusLabels[x.status]}
        </Text>
      </View>
      {x.place ? <Text className='jdq-row__line'>地点：{x.place}</Text> : null}
      {x.note ? <Text className='jdq-row__line'>说明：{x.note}</Text> : null}
      {x.countedDays !== null ? <Text className='jdq-row__line'>计入下基层 {x.countedDays} 天</Text> : null}
      {x.recordedBy.byManager ? <Text className='jdq-row__line'>由 {x.recordedBy.name} 登记</Text> : null}
      {x.review && x.review.decision !== 'approve' ? (
        <Text className='jdq-row__line'>
          {x.review.byName}：{x.review.decision === 'reject' ? '不通过' : '撤销'}
          {x.review.note ? `，${x.review.note}` : ''}
        </Text>
      ) : null}
      {p.mode === 'queue' ? (
        rejecting ? (
          <View>
            <Field label='不通过的原因'>
              <TextInput value={rejecting.note} onChange={(note) => p.onRejecting({ id: x.id, note })} maxlength={200} testId='reject-note' />
            </Field>
            <View className='period-actions'>
              <View className='jdq-link' onClick={() => !busy && p.onReview(x, 'reject')} data-testid='reject-confirm'>
                <Text>{busy ? '正在提交…' : '确定不通过'}</Text>
              </View>
              <View className='jdq-link' onClick={() => p.onRejecting(null)}>
                <Text>返回</Text>
              </View>
            </View>
          </View>
        ) : (
          <View className='period-actions'>
            <View className='jdq-link' onClick={() => !busy && p.onReview(x, 'approve')} data-testid='approve'>
              <Text>{busy ? '正在提交…' : '通过'}</Text>
            </View>
            <View className='jdq-link' onClick={() => p.onRejecting({ id: x.id, note: '' })} data-testid='reject'>
              <Text>不通过</Text>
            </View>
          </View>
        )
      ) : mayCancel ? (
        <View className='jdq-link' onClick={() => !busy && p.onCancel(x)} data-testid='period-cancel'>
          <Text>{busy ? '正在撤销…' : x.status === 'pending' ? '撤销这条登记' : '提前结束（撤销）'}</Text>
        </View>
      ) : null}
    </View>
  )
}
