import { useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../hooks/useCloud'
import { callCloud } from '../../services/cloud'
import { toCloudError } from '../../services/reply'
import { askForReminders } from '../../services/subscribe'
import { newSubmissionId } from '../../services/outbox'
import { VoiceError, startRecording, uploadVoice, type RecordedVoice, type VoiceRecording } from '../../services/voice'
import { templateId, templatesToAsk } from '@/types/subscribe-templates'
import type { VisitConfirmation } from '@/types/cadre-periods'
import { useT } from '../../i18n'
import { fontScale } from '../../i18n/font-scale'
import { messages } from './messages'
import { emptyRateForm, emptyReportForm, pickLevel, toRateInput, toReportInput, toggleTag, voiceProblem, type RateForm, type ReportForm } from './form'
import { RateView, type RateStep } from './RateView'

/**
 * The resident's page a scanned code opens (main package: WeChat opens it straight from the code).
 * `scene` comes from the code (weapp: query.scene; h5: ?scene=). On open: `ratings.landing`.
 * Submit: `ratings.rate` or `demands.create` (a voice message first goes up through src/services/voice.ts).
 */
export default function RatePage() {
  const { params } = useRouter()
  const scene = decodeURIComponent(params.scene ?? '')
  const landing = useCloud(() => callCloud('ratings', 'landing', { scene }), [scene])
  const { t, lang } = useT(messages)
  const [step, setStep] = useState<RateStep>({ kind: 'home' })
  const [rate, setRate] = useState<RateForm>(emptyRateForm)
  const [report, setReport] = useState<ReportForm>(emptyReportForm)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A visit's code: may the resident on the spot confirm the cadre was there (a 外勤 no fence fits)?
  const visitScene = landing.data?.kind === 'visit'
  const confirmation = useCloud(() => (visitScene ? callCloud('visit', 'confirmation', { scene }) : Promise.resolve(null)), [scene, visitScene])
  const [confirmed, setConfirmed] = useState<VisitConfirmation | null>(null)
  const shownConfirmation = confirmed ?? confirmation.data
  const [confirming, setConfirming] = useState(false)
  const [confirmError, setConfirmError] = useState<string | null>(null)
  const confirm = async () => {
    setConfirming(true)
    setConfirmError(null)
    try {
      setConfirmed(await callCloud('visit', 'confirm', { scene }))
    } catch (err) {
      setConfirmError(toCloudError(err).message)
    } finally {
      setConfirming(false)
    }
  }
  // One id per written report: a retried tap after a lost reply lands once.
  const reportId = useRef(newSubmissionId())
  const recording = useRef<VoiceRecording | null>(null)
  const [recordingSince, setRecordingSince] = useState<number | null>(null)
  // A recording goes up once: a resend after a lost reply attaches the same file (uploads count toward a daily limit).
  const uploaded = useRef<{ of: RecordedVoice; voice: { fileID: string; durationMs: number } } | null>(null)

  const voiceFailed = (err: unknown) => setError(t(err instanceof VoiceError && err.reason === 'denied' ? 'error.voiceDenied' : 'error.voiceFailed'))

  const startVoice = async () => {
    if (recording.current) return
    setError(null)
    let r: VoiceRecording
    try {
      r = await startRecording()
    } catch (err) {
      return voiceFailed(err)
    }
    recording.current = r
    setRecordingSince(Date.now())
    r.done
      .then((v) => {
        const key = voiceProblem(v)
        if (key) setError(t(key))
        else setReport((f) => ({ ...f, voice: v }))
      }, voiceFailed)
      .finally(() => {
        recording.current = null
        setRecordingSince(null)
      })
  }

  /** The recording ended by the 提交 tap itself: what was said so far is sent. */
  const finishRecording = async (): Promise<RecordedVoice | null> => {
    const r = recording.current
    if (!r) return report.voice
    r.stop()
    return r.done.then(
      (v) => (voiceProblem(v) ? null : v),
      () => null
    )
  }

  const attach = async (v: RecordedVoice) => {
    if (uploaded.current?.of !== v) uploaded.current = { of: v, voice: await uploadVoice(scene, v) }
    return uploaded.current.voice
  }

  const go = (next: RateStep) => {
    setError(null)
    recording.current?.stop()
    if (next.kind === 'rate') setRate(emptyRateForm())
    if (next.kind === 'report') setReport(emptyReportForm())
    setStep(next)
    if (next.kind === 'home') void landing.reload()
  }

  /** `notify`: offer a WeChat message when there is a result (a reported problem answered, a 差评 rectified). */
  const send = async (work: () => Promise<{ message: string; notify: boolean }>) => {
    setSubmitting(true)
    setError(null)
    try {
      const { message, notify } = await work()
      setStep({ kind: 'thanks', message, ...(notify ? { notify: 'ask' as const } : {}) })
    } catch (err) {
      setError(t('serverSaid', { message: toCloudError(err).message }))
    } finally {
      setSubmitting(false)
    }
  }

  const submit = async () => {
    if (step.kind === 'rate') {
      const checked = toRateInput(scene, step.target, rate)
      if (!checked.ok) return setError(t(checked.key))
      await send(async () => {
        const r = await callCloud('ratings', 'rate', checked.input)
        // The server's confirmation is Chinese: in Tibetan the page's own thanks.
        return { message: lang === 'bo' ? t('thanksRated') : r.message, notify: r.caseOpened }
      })
    } else if (step.kind === 'report') {
      const form = { ...report, voice: await finishRecording() }
      const checked = toReportInput(scene, form)
      if (!checked.ok) return setError(t(checked.key))
      await send(async () => {
        const voice = form.voice ? await attach(form.voice) : null
        await callCloud('demands', 'create', { ...checked.input, ...(voice ? { voice } : {}), submissionId: reportId.current })
        reportId.current = newSubmissionId()
        return { message: t('thanksReport'), notify: true }
      })
    }
  }

  // Straight from the tap (WeChat refuses a request that is not): the resident's templates are known here, so no
  // call comes before requestSubscribeMessage. The consent is recorded by `reminders.consent` under the openid.
  const notify = () => {
    if (step.kind !== 'thanks') return
    setStep({ ...step, notify: 'asking' })
    void askForReminders(templatesToAsk('resident').map(templateId)).then((res) =>
      setStep((s) => (s.kind === 'thanks' ? { ...s, notify: res ? 'on' : 'ask' } : s))
    )
  }

  return (
    <View className='jdq-page'>
      <RateView
        onNotify={notify}
        landing={landing}
        onRetry={() => void landing.reload()}
        step={step}
        onStep={go}
        rate={rate}
        onLevel={(level) => setRate((f) => pickLevel(f, level))}
        onTag={(tag) => setRate((f) => toggleTag(f, tag))}
        onRate={(u) => setRate(u)}
        report={report}
        onReport={(u) => setReport(u)}
        onSubmit={() => void submit()}
        submitting={submitting}
        error={error}
        confirm={shownConfirmation ? { confirmation: shownConfirmation, onConfirm: () => void confirm(), confirming, error: confirmError } : null}
        fontScale={fontScale()}
        recordingSince={recordingSince}
        onVoiceStart={() => void startVoice()}
        onVoiceStop={() => recording.current?.stop()}
        onVoiceDrop={() => setReport((f) => ({ ...f, voice: null }))}
      />
    </View>
  )
}
