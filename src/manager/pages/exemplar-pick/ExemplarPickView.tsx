import { Text, View } from '@tarojs/components'
import type { ExemplarCandidate, ExemplarKind } from '@/types/exemplars'
import { EXEMPLAR_SUMMARY_MAX, EXEMPLAR_TITLE_MAX } from '@/types/exemplars'
import { exemplarKinds } from '@/types/labels'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'

export interface ExemplarDraft {
  kind: ExemplarKind
  sourceId: string
  /** What it is, for the form's heading. */
  label: string
  title: string
  summary: string
  saving: boolean
  error: string | null
  saved: boolean
}

export interface ExemplarPickViewProps {
  kind: ExemplarKind
  onKind: (k: ExemplarKind) => void
  list: PagedState<ExemplarCandidate>
  onRetry: () => void
  onMore: () => void
  draft: ExemplarDraft | null
  onPick: (c: ExemplarCandidate) => void
  onDraft: (patch: Partial<Pick<ExemplarDraft, 'title' | 'summary'>>) => void
  onSave: () => void
  onCancel: () => void
  onOpenFeed: () => void
}

const kindOptions = (['visit', 'diary', 'demand'] as const).map((k) => ({ value: k, label: exemplarKinds[k] }))
const empties: Record<ExemplarKind, string> = {
  visit: '近期没有已认可的走访',
  diary: '近期没有民情日记',
  demand: '近期没有办结的诉求'
}

/** 设为典型: a recent record of my units, a title and a few sentences on why it is worth learning from. */
export function ExemplarPickView(p: ExemplarPickViewProps) {
  if (p.draft) return <DraftForm {...p} draft={p.draft} />
  const state = listState(p.list, p.onRetry, <EmptyView title={empties[p.kind]} />)
  return (
    <View data-testid='exemplar-pick'>
      <Card title='从哪类记录里选'>
        <Chips options={kindOptions} value={p.kind} onChange={p.onKind} testId='pick-kind' />
        <Text className='jdq-row__line'>只列出您管理范围内的记录。典型会被本系统所有干部看到，但不会显示群众的姓名和电话。</Text>
      </Card>
      {state ?? (
        <View>
          <RefreshError list={p.list} />
          <Card>
            {p.list.items.map((c) => (
              <View className='jdq-row' key={c.sourceId} data-testid='candidate'>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>
                    {c.cadreName} · {c.date}
                  </Text>
                  {c.marked ? <Text className='jdq-tag jdq-tag--ok'>已是典型</Text> : null}
                </View>
                <Text className='jdq-row__line'>{c.label}</Text>
                <BigButton kind={c.marked ? 'plain' : 'primary'} onClick={() => p.onPick(c)} testId='pick-candidate'>
                  {c.marked ? '修改典型介绍' : '设为典型'}
                </BigButton>
              </View>
            ))}
          </Card>
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
    </View>
  )
}

function DraftForm(p: ExemplarPickViewProps & { draft: ExemplarDraft }) {
  const d = p.draft
  if (d.saved) {
    return (
      <Card title='已设为典型' testId='exemplar-saved'>
        <Text className='jdq-row__line'>“{d.title}”已出现在典型引路中，本系统的干部都能看到。</Text>
        <BigButton onClick={p.onOpenFeed} testId='open-feed'>
          去看典型引路
        </BigButton>
        <BigButton kind='plain' onClick={p.onCancel} testId='pick-another'>
          再选一个
        </BigButton>
      </Card>
    )
  }
  return (
    <Card title={`设为典型：${exemplarKinds[d.kind]}`} testId='exemplar-form'>
      <Text className='jdq-row__line'>{d.label}</Text>
      <Field label='标题' hint={`2 到 ${EXEMPLAR_TITLE_MAX} 个字`}>
        <TextInput
          value={d.title}
          onChange={(title) => p.onDraft({ title })}
          maxlength={EXEMPLAR_TITLE_MAX}
          placeholder='例如：当场解决老人取暖难题'
          testId='exemplar-title'
        />
      </Field>
      <Field label='简介' hint={`写清做了什么、效果怎样，10 到 ${EXEMPLAR_SUMMARY_MAX} 个字。不要写群众的姓名和电话。`} error={d.error}>
        <TextArea value={d.summary} onChange={(summary) => p.onDraft({ summary })} maxlength={EXEMPLAR_SUMMARY_MAX} testId='exemplar-summary' />
      </Field>
      <BigButton onClick={p.onSave} loading={d.saving} testId='save-exemplar'>
        设为典型
      </BigButton>
      <BigButton kind='plain' onClick={p.onCancel} testId='cancel-exemplar'>
        取消
      </BigButton>
    </Card>
  )
}
