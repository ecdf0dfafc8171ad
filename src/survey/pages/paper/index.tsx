import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { newSubmissionId } from '@/src/services/outbox'
import { pick, ready, score, write, type Sheet } from '../../form'
import { PaperView } from './PaperView'

/**
 * 录入纸质问卷 (the author). On open: `surveys.get`. Save: `surveys.paper` with an entry id made for this sheet and
 * kept until it is saved, so a retry after a lost reply lands the sheet once.
 */
export default function PaperPage() {
  const { params } = useRouter()
  const surveyId = decodeURIComponent(params.id ?? '')
  const survey = useCloud(() => callCloud('surveys', 'get', { surveyId }), [surveyId])
  const [sheet, setSheet] = useState<Sheet>({})
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [entered, setEntered] = useState(0)
  const [total, setTotal] = useState<number | null>(null)
  const entryId = useRef(newSubmissionId())

  const save = async () => {
    if (!survey.data) return
    const checked = ready(survey.data.questions, sheet)
    if (!checked.ok) return setError(checked.message)
    setSaving(true)
    setError(null)
    try {
      const r = await callCloud('surveys', 'paper', { surveyId, entryId: entryId.current, answers: checked.answers })
      entryId.current = newSubmissionId()
      setSheet({})
      setEntered((n) => n + 1)
      setTotal(r.total)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <PaperView
        survey={survey}
        onRetry={() => void survey.reload()}
        sheet={sheet}
        onPick={(q, o) => setSheet((s) => pick(s, q, o))}
        onScore={(q, n) => setSheet((s) => score(s, q, n))}
        onWrite={(q, v) => setSheet((s) => write(s, q, v))}
        onSave={() => void save()}
        saving={saving}
        error={error}
        entered={entered}
        total={total}
      />
    </View>
  )
}
