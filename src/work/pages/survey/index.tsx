import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { SURVEY_PAGE } from '@/types/rules/surveys'
import { useCloud } from '@/src/hooks/useCloud'
import { useExportJob } from '@/src/hooks/useExportJob'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import type { SurveyQr } from '@/types/surveys'
import { SurveyView, type TextsState } from './SurveyView'

/** Live results come back every this often while the page is in front (a 座谈会 watching the count grow). */
const REFRESH_MS = 10_000

/**
 * A survey. On open: `surveys.get` and `surveys.results` (again every 10 s while shown). 出示二维码: `surveys.qr`;
 * texts: `surveys.texts`; 结束收集: `surveys.close`; export: `exports.start` kind survey. Shared in WeChat as a
 * card that opens the answer page.
 */
export default function SurveyPage() {
  const { params } = useRouter()
  const surveyId = decodeURIComponent(params.id ?? '')
  const survey = useCloud(() => callCloud('surveys', 'get', { surveyId }), [surveyId])
  const results = useCloud(() => callCloud('surveys', 'results', { surveyId }), [surveyId])
  const [qr, setQr] = useState<{ loading: boolean; error: ReturnType<typeof toCloudError> | null; data: SurveyQr | undefined } | null>(null)
  const [texts, setTexts] = useState<Record<string, TextsState & { cursor: string | null }>>({})
  const [closing, setClosing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useExportJob()
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  const startTimer = () => {
    if (!timer.current) timer.current = setInterval(() => void results.reload(), REFRESH_MS)
  }
  const stopTimer = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  useDidShow(startTimer)
  useDidHide(stopTimer)
  // The timer lives in a ref, so the first render's start/stop are the ones to run on mount and unmount.
  useEffect(() => {
    startTimer()
    return stopTimer
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useShareAppMessage(() => ({ title: survey.data?.title ?? '问卷调查', path: `/${SURVEY_PAGE}?scene=${encodeURIComponent(surveyId)}` }))

  const showQr = async () => {
    setQr({ loading: true, error: null, data: qr?.data })
    try {
      setQr({ loading: false, error: null, data: await callCloud('surveys', 'qr', { surveyId }) })
    } catch (err) {
      setQr({ loading: false, error: toCloudError(err), data: undefined })
    }
  }
  const copyLink = () => {
    const path = survey.data?.h5Path ?? ''
    const link = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? `${window.location.origin}${path}` : `/${SURVEY_PAGE}?scene=${surveyId}`
    void Taro.setClipboardData({ data: link }).then(
      () => Taro.showToast({ title: '链接已复制', icon: 'success' }),
      () => undefined
    )
  }
  const loadTexts = async (questionId: string) => {
    const now = texts[questionId]
    setTexts((t) => ({ ...t, [questionId]: { items: now?.items ?? [], more: now?.more ?? false, cursor: now?.cursor ?? null, loading: true, error: null } }))
    try {
      const page = await callCloud('surveys', 'texts', { surveyId, questionId, limit: 20, ...(now?.cursor ? { cursor: now.cursor } : {}) })
      setTexts((t) => ({
        ...t,
        [questionId]: {
          items: [...(t[questionId]?.items ?? []), ...page.items],
          more: page.nextCursor !== null,
          cursor: page.nextCursor,
          loading: false,
          error: null
        }
      }))
    } catch (err) {
      setTexts((t) => ({ ...t, [questionId]: { ...t[questionId], loading: false, error: toCloudError(err).message } }))
    }
  }
  const close = async () => {
    const ok = await Taro.showModal({ title: '结束收集', content: '结束后群众就不能再填了（纸质问卷仍可录入）。确定结束吗？' }).then(
      (r) => r.confirm,
      () => false
    )
    if (!ok) return
    setClosing(true)
    setError(null)
    try {
      await callCloud('surveys', 'close', { surveyId })
      await Promise.all([survey.reload(), results.reload()])
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setClosing(false)
    }
  }

  return (
    <View className='jdq-page'>
      <SurveyView
        survey={survey}
        results={results}
        onRetry={() => void Promise.all([survey.reload(), results.reload()])}
        qr={qr}
        onQr={() => void showQr()}
        onCopyLink={copyLink}
        onPaper={() => void Taro.navigateTo({ url: `/survey/pages/paper/index?id=${surveyId}` })}
        onClose={() => void close()}
        closing={closing}
        texts={texts}
        onTexts={(q) => void loadTexts(q)}
        onExport={() => run.start({ kind: 'survey', surveyId, period: new Date().toISOString().slice(0, 4) })}
        exportJob={run.job}
        exporting={run.working || run.opening !== null}
        onOpenFile={(j) => void run.open(j)}
        error={error ?? run.error}
      />
    </View>
  )
}
