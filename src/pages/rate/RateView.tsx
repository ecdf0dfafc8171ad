import { Text, View } from '@tarojs/components'
import type { Landing } from '@/types/service'
import { demandAreas, ratingLevels, type RatingLevel } from '@/types/labels'
import { isBadLevel, tagsByLevel } from '@/types/rules/rating-levels'
import { BigButton } from '../../components/BigButton'
import { Chips, ToggleChips } from '../../components/Chips'
import { Field, TextArea, TextInput } from '../../components/Field'
import { Card, ErrorView, LoadingView } from '../../components/StateViews'
import type { CloudState } from '../../hooks/useCloud'
import { translator, useT } from '../../i18n'
import { common } from '../../i18n/common'
import { ResidentPage } from '../../i18n/ResidentPage'
import type { RateForm, RateTarget, ReportForm } from './form'
import { ConfirmCard, type ConfirmCardProps } from './ConfirmCard'
import { messages, tagNamesBo, type RateKey } from './messages'
import { VoiceNote } from './VoiceNote'
import './index.scss'

type T = ReturnType<typeof useT<RateKey>>['t']

/** After reporting a problem, `notify` offers a WeChat message when it is answered: ask → (tap) → on. */
export type RateStep =
  { kind: 'home' } | { kind: 'rate'; target: RateTarget } | { kind: 'report' } | { kind: 'thanks'; message: string; notify?: 'ask' | 'asking' | 'on' }

export interface RateViewProps {
  landing: CloudState<Landing>
  onRetry: () => void
  step: RateStep
  onStep: (step: RateStep) => void
  rate: RateForm
  onLevel: (level: RatingLevel) => void
  onTag: (tag: string) => void
  onRate: (update: (f: RateForm) => RateForm) => void
  report: ReportForm
  onReport: (update: (f: ReportForm) => ReportForm) => void
  onSubmit: () => void
  submitting: boolean
  /** The resident's tap on 有结果时用微信通知我 (subscribe-message consent, keyed by their openid). */
  onNotify?: () => void
  /** Already in the resident's language (the page translates its own checks; the server's words stay Chinese). */
  error: string | null
  /** A 外勤 the resident on the spot may confirm (`visit.confirmation`), when there is one. */
  confirm?: ConfirmCardProps | null
  /** Text size from WeChat's font setting (关怀模式): 1 = as designed. */
  fontScale?: number
  /** 语音留言 on the report form: when recording started (null: not recording), and the recorder's buttons. */
  recordingSince?: number | null
  onVoiceStart?: () => void
  onVoiceStop?: () => void
  onVoiceDrop?: () => void
}

/** Why this code cannot be rated now, from what the landing says (the reasons the server gives, by id). */
export function blockedKey(l: Landing, now = new Date()): RateKey {
  if (l.kind === 'point') return 'blocked.plate'
  if (l.kind === 'demand' && !l.date) return 'blocked.inProgress'
  if (l.myRating) return 'blocked.rated'
  if (l.windowEndsAt && now.getTime() > new Date(l.windowEndsAt).getTime()) return 'blocked.closed'
  return 'blocked.own'
}

const levelOrder = ratingLevels.ids

/** 群众点评 landing: who came, from which organisation, when; rate it, report a problem, thanks. */
export function RateView(p: RateViewProps) {
  const { t, lang, setLang } = useT(messages)
  const l = p.landing.data
  if (!l) {
    const c = translator(common, lang)
    if (p.landing.error) return <ErrorView error={p.landing.error} onRetry={p.onRetry} retrying={p.landing.loading} t={c} />
    return <LoadingView text={c('loading')} />
  }
  // The page's own text scales with WeChat's font setting; Tibetan marked as such (fonts, line breaking).
  return (
    <ResidentPage lang={lang} onLang={setLang} testId='rate-page' className='rate-root' scale={p.fontScale ?? 1}>
      <Card testId='visit-card'>
        <Text className='rate-who' data-testid='cadre-name'>
          {l.cadreName}
        </Text>
        <Text className='rate-line' data-testid='org-name'>
          {l.orgName}
        </Text>
        {l.pointName ? <Text className='rate-line'>{l.pointName}</Text> : null}
        {l.date ? (
          <Text className='rate-line' data-testid='visit-date'>
            {t(l.kind === 'demand' ? 'answerDate' : 'visitDate')}：{l.date}
          </Text>
        ) : null}
      </Card>
      {p.step.kind === 'thanks' ? (
        <Thanks t={t} message={p.step.message} notify={p.step.notify} onNotify={p.onNotify} onBack={() => p.onStep({ kind: 'home' })} />
      ) : null}
      {p.step.kind === 'home' && p.confirm ? <ConfirmCard {...p.confirm} t={t} /> : null}
      {p.step.kind === 'home' ? <Home t={t} l={l} onStep={p.onStep} /> : null}
      {p.step.kind === 'rate' ? <RatingForm {...p} t={t} bo={lang === 'bo'} target={p.step.target} fix={l.fix?.result ?? null} /> : null}
      {p.step.kind === 'report' ? <ReportFormView {...p} t={t} /> : null}
    </ResidentPage>
  )
}

/** A face for each level, drawn in CSS (no image, no emoji font needed): from a broad smile to a deep frown. */
function Face({ level }: { level: RatingLevel }) {
  return (
    <View className={`rate-face rate-face--${level}`}>
      <View className='rate-face__eye rate-face__eye--l' />
      <View className='rate-face__eye rate-face__eye--r' />
      <View className='rate-face__mouth' />
    </View>
  )
}

function Home({ l, onStep, t }: { l: Landing; onStep: (s: RateStep) => void; t: T }) {
  return (
    <View>
      {l.canRate ? (
        <View className='rate-entry'>
          <BigButton onClick={() => onStep({ kind: 'rate', target: { about: 'service' } })} testId='start-rate'>
            {t(l.kind === 'demand' ? 'rateDemand' : 'rateVisit')}
          </BigButton>
          <Text className='rate-hint'>
            {t('privacy')}
            {l.windowEndsAt ? t('rateBefore', { date: l.windowEndsAt.slice(0, 10) }) : ''}
          </Text>
        </View>
      ) : (
        <View className='jdq-banner' data-testid='rate-blocked'>
          <Text>
            {l.myRating ? t('myRating', { level: t(`level.${l.myRating.level}`) }) : ''}
            {t(blockedKey(l))}
          </Text>
        </View>
      )}
      {l.fix ? (
        <Card title={t('fixTitle')} testId='fix'>
          <Text className='rate-line'>{l.fix.result}</Text>
          {l.fix.canRate ? (
            <BigButton onClick={() => onStep({ kind: 'rate', target: { about: 'fix' } })} testId='rate-fix'>
              {t('rateFix')}
            </BigButton>
          ) : (
            <Text className='rate-hint'>{l.fix.rated ? t('fixRated') : ''}</Text>
          )}
        </Card>
      ) : null}
      {l.myDemands.length > 0 ? (
        <Card title={t('myDemands')} testId='my-demands'>
          {l.myDemands.map((d) => (
            <View className='jdq-row' key={d.id} data-testid='my-demand'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{t(`area.${d.area}`)}</Text>
                <Text className='jdq-tag jdq-tag--plain'>{t(`status.${d.status}`)}</Text>
              </View>
              {d.reply ? <Text className='jdq-row__line'>{t('reply', { text: d.reply })}</Text> : null}
              {d.canRate ? (
                <BigButton kind='plain' onClick={() => onStep({ kind: 'rate', target: { about: 'demand', demandId: d.id } })} testId='rate-demand'>
                  {t('rateResult')}
                </BigButton>
              ) : null}
            </View>
          ))}
        </Card>
      ) : null}
      {l.canReport ? (
        <View className='rate-entry'>
          <BigButton kind='plain' onClick={() => onStep({ kind: 'report' })} testId='start-report'>
            {t('report')}
          </BigButton>
          <Text className='rate-hint'>{t('reportHint')}</Text>
        </View>
      ) : null}
    </View>
  )
}

function RatingForm(p: RateViewProps & { target: RateTarget; fix: string | null; t: T; bo: boolean }) {
  const { t } = p
  const level = p.rate.level
  const title = t(p.target.about === 'fix' ? 'qFix' : p.target.about === 'demand' ? 'qDemand' : 'qService')
  return (
    <Card title={title} testId='rate-form'>
      <View className='rate-levels'>
        {levelOrder.map((id) => (
          <View
            key={id}
            className={`rate-level${level === id ? ' rate-level--on' : ''}${isBadLevel(id) ? ' rate-level--bad' : ''}`}
            data-testid={`level-${id}`}
            data-selected={level === id ? 'true' : 'false'}
            onClick={() => p.onLevel(id)}
          >
            <Face level={id} />
            <Text className='rate-level__word'>{t(`level.${id}`)}</Text>
          </View>
        ))}
      </View>
      {level ? (
        <Field label={t(isBadLevel(level) ? 'tagsBad' : 'tagsGood')} testId='tags'>
          <ToggleChips
            options={tagsByLevel[level].map((tag) => ({ value: tag, label: p.bo ? (tagNamesBo[tag] ?? tag) : tag }))}
            values={p.rate.tags}
            onToggle={p.onTag}
            testId='tag'
          />
        </Field>
      ) : null}
      {level ? (
        <Field label={t('comment')}>
          <TextArea
            value={p.rate.comment}
            onChange={(v) => p.onRate((f) => ({ ...f, comment: v }))}
            maxlength={300}
            placeholder={t('optional')}
            testId='comment'
          />
        </Field>
      ) : null}
      {level && isBadLevel(level) && p.target.about !== 'fix' ? (
        <Field label={t('phone')} hint={t('phoneBadHint')}>
          <TextInput value={p.rate.phone} onChange={(v) => p.onRate((f) => ({ ...f, phone: v }))} type='number' maxlength={13} testId='phone' />
        </Field>
      ) : null}
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='submit-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='submit-rating'>
        {t('submitRating')}
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onStep({ kind: 'home' })} testId='cancel'>
        {t('back')}
      </BigButton>
    </Card>
  )
}

function ReportFormView(p: RateViewProps & { t: T }) {
  const { t } = p
  const areas = demandAreas.ids.map((value) => ({ value, label: t(`area.${value}`) }))
  // A resident may say it is urgent (急): a hint for the staff who set the urgency, never a deadline by itself.
  const urgentOptions = [
    { value: 'no' as const, label: t('urgent.no') },
    { value: 'yes' as const, label: t('urgent.yes') }
  ]
  return (
    <Card title={t('report')} testId='report-form'>
      <Field label={t('area')}>
        <Chips options={areas} value={p.report.area} onChange={(area) => p.onReport((f) => ({ ...f, area }))} testId='area' />
      </Field>
      <Field label={t('text')}>
        <TextArea value={p.report.text} onChange={(v) => p.onReport((f) => ({ ...f, text: v }))} maxlength={500} testId='report-text' />
      </Field>
      {p.onVoiceStart ? (
        <VoiceNote
          voice={p.report.voice}
          recordingSince={p.recordingSince ?? null}
          onStart={p.onVoiceStart}
          onStop={() => p.onVoiceStop?.()}
          onDrop={() => p.onVoiceDrop?.()}
          t={t}
        />
      ) : null}
      <Field label={t('urgent')} hint={t('urgentHint')}>
        <Chips
          options={urgentOptions}
          value={p.report.urgent ? 'yes' : 'no'}
          onChange={(v) => p.onReport((f) => ({ ...f, urgent: v === 'yes' }))}
          testId='urgent'
        />
      </Field>
      <Field label={t('phone')} hint={t('phoneReportHint')}>
        <TextInput value={p.report.phone} onChange={(v) => p.onReport((f) => ({ ...f, phone: v }))} type='number' maxlength={13} testId='report-phone' />
      </Field>
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='submit-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='submit-report'>
        {t('submit')}
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onStep({ kind: 'home' })} testId='cancel'>
        {t('back')}
      </BigButton>
    </Card>
  )
}

function Thanks({
  message,
  notify,
  onNotify,
  onBack,
  t
}: {
  message: string
  notify?: 'ask' | 'asking' | 'on'
  onNotify?: () => void
  onBack: () => void
  t: T
}) {
  return (
    <Card testId='thanks'>
      <Text className='rate-thanks'>{message}</Text>
      {notify === 'on' ? (
        <Text className='rate-thanks' data-testid='notify-on'>
          {t('notifyOn')}
        </Text>
      ) : notify && onNotify ? (
        <BigButton onClick={onNotify} testId='notify-me' loading={notify === 'asking'}>
          {t('notifyMe')}
        </BigButton>
      ) : null}
      <BigButton kind='plain' onClick={onBack} testId='back'>
        {t('back')}
      </BigButton>
    </Card>
  )
}
