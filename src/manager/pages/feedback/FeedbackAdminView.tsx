import { Text, View } from '@tarojs/components'
import type { Feedback } from '@/types/api/feedback'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'

export const kindLabels: Record<Feedback['kind'], string> = { complaint: '投诉', suggestion: '建议' }
export const toLabels: Record<Feedback['to'], string> = { union: '工会', league: '共青团', women: '妇联', all: '不清楚 / 关于小程序' }

export type FeedbackTab = 'unanswered' | 'answered'

export interface FeedbackAdminViewProps {
  tab: FeedbackTab
  onTab: (t: FeedbackTab) => void
  list: PagedState<Feedback>
  onRetry: () => void
  onMore: () => void
  drafts: Record<string, string>
  onDraft: (id: string, text: string) => void
  errors: Record<string, string>
  busyId: string | null
  onAnswer: (id: string) => void
}

/** 投诉建议处理 (province admin): 待回复 first, oldest on top; each answered once, the sender reads the answer. */
export function FeedbackAdminView(p: FeedbackAdminViewProps) {
  const tabs = (
    <Chips
      options={
        [
          { value: 'unanswered', label: '待回复' },
          { value: 'answered', label: '已回复' }
        ] as { value: FeedbackTab; label: string }[]
      }
      value={p.tab}
      onChange={p.onTab}
      testId='feedback-tab'
      bar
    />
  )
  const state = listState(
    p.list,
    p.onRetry,
    <EmptyView title={p.tab === 'unanswered' ? '没有待回复的投诉建议' : '还没有回复过'} hint='群众和干部提交的投诉建议会出现在这里。' />
  )
  return (
    <View data-testid='feedback-admin'>
      {tabs}
      {state ?? (
        <View>
          <RefreshError list={p.list} />
          {p.list.items.map((f) => (
            <Card key={f.id} testId='feedback-item'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>
                  {kindLabels[f.kind]} · {f.from}
                </Text>
                <Text className={`jdq-tag ${f.kind === 'complaint' ? 'jdq-tag--bad' : 'jdq-tag--plain'}`}>{toLabels[f.to]}</Text>
              </View>
              <Text className='jdq-text'>{f.text}</Text>
              {f.contact ? (
                <Text className='jdq-row__line'>
                  联系方式：{f.contact.name ?? ''} {f.contact.phone ?? ''}
                </Text>
              ) : null}
              <Text className='jdq-hint'>{beijing(f.createdAt).format('YYYY年M月D日 HH:mm')} 提交</Text>
              {f.answer ? (
                <View className='jdq-status jdq-status--ok'>
                  <Text className='jdq-text'>答复：{f.answer.text}</Text>
                  <Text className='jdq-hint'>
                    {f.answer.byName} · {beijing(f.answer.at).format('M月D日 HH:mm')}
                  </Text>
                </View>
              ) : (
                <View>
                  <Field label='答复（提交人会看到）' error={p.errors[f.id]}>
                    <TextArea value={p.drafts[f.id] ?? ''} onChange={(t) => p.onDraft(f.id, t)} maxlength={500} testId={`answer-${f.id}`} />
                  </Field>
                  <BigButton onClick={() => p.onAnswer(f.id)} loading={p.busyId === f.id} testId={`send-${f.id}`}>
                    发送答复
                  </BigButton>
                </View>
              )}
            </Card>
          ))}
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
    </View>
  )
}
