import { Text, View } from '@tarojs/components'
import type { Feedback } from '../../../../types/api/feedback'
import { beijing } from '../../../../types/rules/beijing-time'
import { BigButton } from '../../../components/BigButton'
import { Chips } from '../../../components/Chips'
import { Field, TextArea, TextInput } from '../../../components/Field'
import { ListFooter, listState } from '../../../components/ListFooter'
import { Card, EmptyView } from '../../../components/StateViews'
import type { PagedState } from '../../../hooks/usePaged'

export interface FeedbackForm {
  kind: Feedback['kind'] | null
  to: Feedback['to']
  text: string
  contactName: string
  contactPhone: string
}

export const emptyFeedbackForm: FeedbackForm = { kind: null, to: 'all', text: '', contactName: '', contactPhone: '' }

const toOptions: { value: Feedback['to']; label: string }[] = [
  { value: 'all', label: '不清楚 / 关于小程序' },
  { value: 'union', label: '工会' },
  { value: 'league', label: '共青团' },
  { value: 'women', label: '妇联' }
]

/** Problems with the form, by field (empty: it can be sent). */
export function formProblems(f: FeedbackForm): Partial<Record<'kind' | 'text' | 'contactPhone', string>> {
  const out: Partial<Record<'kind' | 'text' | 'contactPhone', string>> = {}
  if (!f.kind) out.kind = '请选择是投诉还是建议'
  if (f.text.trim().length < 5) out.text = '请至少写 5 个字'
  if (f.contactPhone.trim() && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(f.contactPhone.trim())) out.contactPhone = '电话号码格式不对（手机 11 位）'
  return out
}

export interface FeedbackViewProps {
  /** Staff write to their own system's office: the choice is hidden. */
  chooseTo: boolean
  form: FeedbackForm
  onForm: (f: FeedbackForm) => void
  problems: ReturnType<typeof formProblems>
  sending: boolean
  onSend: () => void
  sendError: string | null
  mine: PagedState<Feedback>
  onRetryMine: () => void
  onMoreMine: () => void
}

/** 投诉建议: write to the campaign office, and read the answers to what I sent. */
export function FeedbackView(p: FeedbackViewProps) {
  const f = p.form
  const mineState = listState(p.mine, p.onRetryMine, <EmptyView title='您还没有提交过' hint='提交后，答复会显示在这里。' />)
  return (
    <View data-testid='feedback'>
      <Card title='写投诉或建议'>
        <Text className='jdq-hint'>对干部的工作、对这个小程序有意见，都可以告诉省活动办，我们会答复您。</Text>
        <Field label='类型' error={p.problems.kind}>
          <Chips
            options={[{ value: 'complaint', label: '投诉' }, { value: 'suggestion', label: '建议' }] as { value: Feedback['kind']; label: string }[]}
            value={f.kind}
            onChange={(kind) => p.onForm({ ...f, kind })}
            testId='fb-kind'
          />
        </Field>
        {p.chooseTo ? (
          <Field label='反映给' hint='不清楚是哪个单位的，选“不清楚”，三家都能看到。'>
            <Chips options={toOptions} value={f.to} onChange={(to) => p.onForm({ ...f, to })} testId='fb-to' />
          </Field>
        ) : null}
        <Field label='内容' error={p.problems.text}>
          <TextArea value={f.text} onChange={(text) => p.onForm({ ...f, text })} maxlength={500} placeholder='请写清楚什么时间、什么地方、什么事' testId='fb-text' />
        </Field>
        <Field label='称呼（可不填）'>
          <TextInput value={f.contactName} onChange={(contactName) => p.onForm({ ...f, contactName })} maxlength={20} testId='fb-name' />
        </Field>
        <Field label='电话（可不填，只有省活动办能看到）' error={p.problems.contactPhone}>
          <TextInput type='number' value={f.contactPhone} onChange={(contactPhone) => p.onForm({ ...f, contactPhone })} maxlength={13} testId='fb-phone' />
        </Field>
        {p.sendError ? (
          <Text className='jdq-field__error' data-testid='fb-error'>
            {p.sendError}
          </Text>
        ) : null}
        <BigButton onClick={p.onSend} loading={p.sending} testId='fb-send'>
          提交
        </BigButton>
      </Card>
      <Card title='我提交的' testId='fb-mine'>
        {mineState ?? (
          <View>
            {p.mine.items.map((x) => (
              <View key={x.id} className='jdq-row' data-testid='fb-item'>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{x.kind === 'complaint' ? '投诉' : '建议'}</Text>
                  <Text className={`jdq-tag ${x.answer ? 'jdq-tag--ok' : 'jdq-tag--wait'}`}>{x.answer ? '已答复' : '等待答复'}</Text>
                </View>
                <Text className='jdq-row__line'>{x.text}</Text>
                <Text className='jdq-hint'>{beijing(x.createdAt).format('YYYY年M月D日 HH:mm')}</Text>
                {x.answer ? <Text className='jdq-text'>答复：{x.answer.text}</Text> : null}
              </View>
            ))}
            <ListFooter list={p.mine} onMore={p.onMoreMine} />
          </View>
        )}
      </Card>
    </View>
  )
}
