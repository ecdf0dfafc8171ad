import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { loadMe } from '@/src/services/me'
import { useVoicePlayer } from '@/src/hooks/useVoicePlayer'
import { actionPayload, type DemandAction, type FormContext } from './actions'
import { DemandView } from './DemandView'

/**
 * One demand. On open: `demands.get` (its `nextSteps` say what this viewer may do) and `user.me`. Steps:
 * `demands.<step>` (a manager's decision on an extension is `decideExtension`, a unit's answer `answerReport`).
 * A resident's voice message plays through `demands.voiceUrl` (src/hooks/useVoicePlayer.ts).
 * Marking a duplicate lists the ledger's entries still being handled (`demands.list`, filter active) to pick from.
 */
export default function DemandPage() {
  const { params } = useRouter()
  const demandId = decodeURIComponent(params.id ?? '')
  const demand = useCloud(() => callCloud('demands', 'get', { demandId }), [demandId])
  const me = useCloud(loadMe)
  const [action, setAction] = useState<DemandAction | null>(null)
  const [values, setValues] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [context, setContext] = useState<FormContext>({ candidates: [] })
  const voice = useVoicePlayer(demandId)

  const loadCandidates = async (cadreId: string) => {
    try {
      const page = await callCloud('demands', 'list', { cadreId, filter: 'active', limit: 20 })
      setContext({ candidates: page.items.filter((d) => d.id !== demandId).map((d) => ({ value: d.id, label: d.text.slice(0, 18) })) })
    } catch {
      setContext({ candidates: [] })
    }
  }

  const submit = async () => {
    if (!action) return
    const checked = actionPayload(action, demandId, values)
    if (!checked.ok) return setError(checked.message)
    setSubmitting(true)
    setError(null)
    try {
      await callCloud('demands', checked.call, checked.input as never)
      setAction(null)
      setValues({})
      await demand.reload()
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='jdq-page'>
      <DemandView
        demand={demand}
        onRetry={() => void demand.reload()}
        isOwner={me.data?.role === 'cadre'}
        action={action}
        onAction={(a) => {
          setError(null)
          setValues({})
          setAction(a)
          if (a === 'invalidate' && demand.data) void loadCandidates(demand.data.cadreId)
        }}
        values={values}
        onValue={(k, v) => setValues((s) => ({ ...s, [k]: v }))}
        onSubmit={() => void submit()}
        submitting={submitting}
        error={error}
        onShowQr={() => void Taro.navigateTo({ url: `/cadre/pages/qr/index?kind=demand&id=${encodeURIComponent(demandId)}` })}
        formContext={context}
        voice={voice}
      />
    </View>
  )
}
