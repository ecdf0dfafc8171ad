import { Text, View } from '@tarojs/components'
import type { Question, SurveyOpen } from '@/types/surveys'
import { BigButton } from '@/src/components/BigButton'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { AnswerForm } from '../../components/AnswerForm'
import { translator, useT } from '@/src/i18n'
import { common } from '@/src/i18n/common'
import { ResidentPage } from '@/src/i18n/ResidentPage'
import { messages } from '../../messages'
import type { Sheet } from '../../form'
import './index.scss'

export interface AnswerViewProps {
  open: Pick<CloudState<SurveyOpen>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  sheet: Sheet
  onPick: (q: Question, optionId: string) => void
  onScore: (q: Question, n: number) => void
  onWrite: (q: Question, text: string) => void
  onSubmit: () => void
  submitting: boolean
  error: string | null
  /** Submitted in this visit of the page. */
  done: boolean
  /** WeChat's font setting (关怀模式); read from the phone when not given. */
  fontScale?: number
}

/**
 * What a resident sees after scanning a survey's code: the questions (中文 or 藏文), then thanks. No sign-up. A
 * resident page: the language switch on top and the text sized by WeChat's font setting (ResidentPage).
 */
export function AnswerView(p: AnswerViewProps) {
  const { t, lang, setLang } = useT(messages)
  const s = p.open.data
  if (!s) {
    const c = translator(common, lang)
    if (p.open.error) return <ErrorView error={p.open.error} onRetry={p.onRetry} retrying={p.open.loading} t={c} />
    return <LoadingView text={t('loading')} />
  }
  return (
    <ResidentPage lang={lang} onLang={setLang} testId='survey-answer' scale={p.fontScale}>
      <Card testId='survey-head'>
        <Text className='sv-title' data-testid='survey-title'>
          {lang === 'bo' && s.titleBo ? s.titleBo : s.title}
        </Text>
        {s.intro || s.introBo ? <Text className='sv-intro'>{lang === 'bo' && s.introBo ? s.introBo : s.intro}</Text> : null}
        <Text className='sv-from'>{t('from', { org: s.orgName })}</Text>
      </Card>
      {p.done ? (
        <Card testId='thanks'>
          <Text className='sv-thanks'>{t('thanks')}</Text>
          <Text className='sv-intro'>{t('thanksHint')}</Text>
        </Card>
      ) : s.blocked ? (
        <View className='jdq-banner' data-testid='blocked'>
          <Text>{t(`blocked.${s.blocked}`)}</Text>
        </View>
      ) : (
        <View>
          <Text className='sv-note' data-testid='anonymous-note'>
            {t('anonymous')}
          </Text>
          <AnswerForm questions={s.questions} sheet={p.sheet} lang={lang} onPick={p.onPick} onScore={p.onScore} onWrite={p.onWrite} />
          {p.error ? (
            <View className='jdq-banner jdq-banner--bad' data-testid='answer-error'>
              <Text>{p.error}</Text>
            </View>
          ) : null}
          <View className='jdq-actions'>
            <BigButton onClick={p.onSubmit} loading={p.submitting} testId='submit-answer'>
              {t('submit')}
            </BigButton>
          </View>
        </View>
      )}
    </ResidentPage>
  )
}
