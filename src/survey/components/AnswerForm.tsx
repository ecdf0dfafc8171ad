import { Text, View } from '@tarojs/components'
import type { Question } from '@/types/surveys'
import { defaultScaleWords } from '@/types/rules/surveys'
import { TextArea } from '../../components/Field'
import { translator, type Lang } from '../../i18n'
import { messages } from '../messages'
import type { Sheet } from '../form'
import './AnswerForm.scss'

export interface AnswerFormProps {
  questions: Question[]
  sheet: Sheet
  lang: Lang
  onPick: (q: Question, optionId: string) => void
  onScore: (q: Question, n: number) => void
  onWrite: (q: Question, text: string) => void
}

const inLang = (lang: Lang, zh: string, bo?: string) => (lang === 'bo' && bo ? bo : zh)

/** The questions with large tap targets: choices as buttons, the scale as five numbers, a text box. */
export function AnswerForm({ questions, sheet, lang, onPick, onScore, onWrite }: AnswerFormProps) {
  const t = translator(messages, lang)
  return (
    <View data-testid='answer-form'>
      {questions.map((q, i) => (
        <View key={q.id} className='sv-q' data-testid={`question-${q.id}`}>
          <Text className='sv-q__text'>
            {i + 1}. {inLang(lang, q.text, q.textBo)}
          </Text>
          <Text className='sv-q__hint'>
            {q.required ? t('required') : t('optional')}
            {q.kind === 'single' ? ` · ${t('pickOne')}` : q.kind === 'multi' ? ` · ${t('pickMany')}` : ''}
          </Text>
          {q.kind === 'single' || q.kind === 'multi' ? (
            <View className='sv-options'>
              {q.options.map((o) => {
                const v = sheet[q.id]
                const on = Array.isArray(v) ? v.includes(o.id) : v === o.id
                return (
                  <View
                    key={o.id}
                    className={`sv-option${on ? ' sv-option--on' : ''}`}
                    data-testid={`${q.id}-${o.id}`}
                    data-selected={on ? 'true' : 'false'}
                    onClick={() => onPick(q, o.id)}
                  >
                    <Text>
                      {q.kind === 'multi' ? (on ? '☑ ' : '☐ ') : ''}
                      {inLang(lang, o.label, o.labelBo)}
                    </Text>
                  </View>
                )
              })}
            </View>
          ) : null}
          {q.kind === 'scale' ? (
            <View>
              <View className='sv-scale'>
                {[1, 2, 3, 4, 5].map((n) => (
                  <View
                    key={n}
                    className={`sv-scale__n${sheet[q.id] === n ? ' sv-option--on' : ''}`}
                    data-testid={`${q.id}-v${n}`}
                    data-selected={sheet[q.id] === n ? 'true' : 'false'}
                    onClick={() => onScore(q, n)}
                  >
                    <Text>{n}</Text>
                  </View>
                ))}
              </View>
              <View className='sv-scale__words'>
                <Text>1 {q.lowLabel ?? (lang === 'bo' ? t('scaleLow') : defaultScaleWords.low)}</Text>
                <Text>5 {q.highLabel ?? (lang === 'bo' ? t('scaleHigh') : defaultScaleWords.high)}</Text>
              </View>
            </View>
          ) : null}
          {q.kind === 'text' ? (
            <TextArea
              value={typeof sheet[q.id] === 'string' ? (sheet[q.id] as string) : ''}
              onChange={(v) => onWrite(q, v)}
              maxlength={200}
              placeholder={t('writeHere')}
              testId={`${q.id}-text`}
            />
          ) : null}
        </View>
      ))}
    </View>
  )
}
