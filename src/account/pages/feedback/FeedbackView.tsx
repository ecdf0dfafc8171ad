import { Text, View } from '@tarojs/components'
import type { Feedback } from '@/types/api/feedback'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { translator, useT } from '@/src/i18n'
import { common } from '@/src/i18n/common'
import { ResidentPage } from '@/src/i18n/ResidentPage'
import { messages, type FeedbackKey } from './messages'

export interface FeedbackForm {
  kind: Feedback['kind'] | null
  to: Feedback['to']
  text: string
  contactName: string
  contactPhone: string
}

export const emptyFeedbackForm: FeedbackForm = { kind: null, to: 'all', text: '', contactName: '', contactPhone: '' }

const toIds: Feedback['to'][] = ['all', 'union', 'league', 'women']

/** Problems with the form, by field, as catalog keys (./messages.ts; empty: it can be sent). */
export function formProblems(f: FeedbackForm): Partial<Record<'kind' | 'text' | 'contactPhone', FeedbackKey>> {
  const out: Partial<Record<'kind' | 'text' | 'contactPhone', FeedbackKey>> = {}
  if (!f.kind) out.kind = 'error.kind'
  if (f.text.trim().length < 5) out.text = 'error.text'
  if (f.contactPhone.trim() && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(f.contactPhone.trim())) out.contactPhone = 'error.phone'
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
  /** Text size from WeChat's font setting (关怀模式); absent: read from the phone. */
  fontScale?: number
}

/**
 * 投诉建议: write to the campaign office, and read the answers to what I sent. In the reader's language
 * (./messages.ts), sized by WeChat's font setting (ResidentPage). The server's sentences stay Chinese.
 */
export function FeedbackView(p: FeedbackViewProps) {
  const f = p.form
  const { t, lang, setLang } = useT(messages)
  const c = translator(common, lang)
  const problem = (k: FeedbackKey | undefined) => (k ? t(k) : undefined)
  const mineState = listState(p.mine, p.onRetryMine, <EmptyView title={t('mineEmpty')} hint={t('mineEmptyHint')} />, c)
  const kinds: { value: Feedback['kind']; label: string }[] = [
    { value: 'complaint', label: t('kind.complaint') },
    { value: 'suggestion', label: t('kind.suggestion') }
  ]
  return (
    <ResidentPage lang={lang} onLang={setLang} testId='feedback' scale={p.fontScale}>
      <Card title={t('title')}>
        <Text className='jdq-hint'>{t('intro')}</Text>
        <Field label={t('kind')} error={problem(p.problems.kind)}>
          <Chips options={kinds} value={f.kind} onChange={(kind) => p.onForm({ ...f, kind })} testId='fb-kind' />
        </Field>
        {p.chooseTo ? (
          <Field label={t('to')} hint={t('toHint')}>
            <Chips options={toIds.map((value) => ({ value, label: t(`to.${value}`) }))} value={f.to} onChange={(to) => p.onForm({ ...f, to })} testId='fb-to' />
          </Field>
        ) : null}
        <Field label={t('text')} error={problem(p.problems.text)}>
          <TextArea value={f.text} onChange={(text) => p.onForm({ ...f, text })} maxlength={500} placeholder={t('textPlaceholder')} testId='fb-text' />
        </Field>
        <Field label={t('name')}>
          <TextInput value={f.contactName} onChange={(contactName) => p.onForm({ ...f, contactName })} maxlength={20} testId='fb-name' />
        </Field>
        <Field label={t('phone')} error={problem(p.problems.contactPhone)}>
          <TextInput type='number' value={f.contactPhone} onChange={(contactPhone) => p.onForm({ ...f, contactPhone })} maxlength={13} testId='fb-phone' />
        </Field>
        {p.sendError ? (
          <Text className='jdq-field__error' data-testid='fb-error'>
            {c('sendFailed', { message: p.sendError })}
          </Text>
        ) : null}
        <BigButton onClick={p.onSend} loading={p.sending} testId='fb-send'>
          {t('send')}
        </BigButton>
      </Card>
      <Card title={t('mine')} testId='fb-mine'>
        {mineState ?? (
          <View>
            {p.mine.items.map((x) => (
              <View key={x.id} className='jdq-row' data-testid='fb-item'>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{t(`kind.${x.kind}`)}</Text>
                  <Text className={`jdq-tag ${x.answer ? 'jdq-tag--ok' : 'jdq-tag--wait'}`}>{t(x.answer ? 'answered' : 'waiting')}</Text>
                </View>
                <Text className='jdq-row__line'>{x.text}</Text>
                <Text className='jdq-hint'>{beijing(x.createdAt).format(t('dateFormat'))}</Text>
                {x.answer ? <Text className='jdq-text'>{t('answer', { text: x.answer.text })}</Text> : null}
              </View>
            ))}
            <ListFooter list={p.mine} onMore={p.onMoreMine} t={c} />
          </View>
        )}
      </Card>
    </ResidentPage>
  )
}
