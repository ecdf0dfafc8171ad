import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { pick, ready, score, write, type Sheet } from '../../form'
import { AnswerView } from './AnswerView'

/**
 * A survey's code opens this page (weapp: query.scene; h5: ?scene=). On open: `surveys.open`; submit:
 * `surveys.answer`. The resident needs no account: their WeChat identity only keeps it to one answer each.
 */
export default function AnswerPage() {
  const { params } = useRouter()
  const scene = decodeURIComponent(params.scene ?? '')
  const open = useCloud(() => callCloud('surveys', 'open', { scene }), [scene])
  const [sheet, setSheet] = useState<Sheet>({})
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)

  const submit = async () => {
    if (!open.data) return
    const checked = ready(open.data.questions, sheet)
    if (!checked.ok) return setError(checked.message)
    setSubmitting(true)
    setError(null)
    try {
      await callCloud('surveys', 'answer', { scene, answers: checked.answers })
      setDone(true)
    } catch (err) {
      const e = toCloudError(err)
      // Answered already (a retry after a lost reply, or another tap): the page says so instead of an error.
      if (e.code === 'CONFLICT') void open.reload()
      setError(e.message)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='jdq-page'>
      <AnswerView
        open={open}
        onRetry={() => void open.reload()}
        sheet={sheet}
        onPick={(q, o) => setSheet((s) => pick(s, q, o))}
        onScore={(q, n) => setSheet((s) => score(s, q, n))}
        onWrite={(q, v) => setSheet((s) => write(s, q, v))}
        onSubmit={() => void submit()}
        submitting={submitting}
        error={error}
        done={done}
      />
    </View>
  )
}
