import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../../hooks/useCloud'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { isManager, loadMe } from '../../../services/me'
import { actionPayload, type DemandAction } from './actions'
import { DemandView } from './DemandView'

/**
 * One demand. On open: `demands.get` (and `user.me` to know whether the viewer is its cadre or a manager).
 * Steps: `demands.<action>`; a manager of the cadre: `demands.supervise` (督办).
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

  const submit = async () => {
    if (!action) return
    const checked = actionPayload(action, demandId, values)
    if (!checked.ok) return setError(checked.message)
    setSubmitting(true)
    setError(null)
    try {
      await callCloud('demands', action, checked.input as never)
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
        canSupervise={me.data ? isManager(me.data.role) : false}
        action={action}
        onAction={(a) => {
          setError(null)
          setAction(a)
        }}
        values={values}
        onValue={(k, v) => setValues((s) => ({ ...s, [k]: v }))}
        onSubmit={() => void submit()}
        submitting={submitting}
        error={error}
        onShowQr={() => void Taro.navigateTo({ url: `/cadre/pages/qr/index?kind=demand&id=${encodeURIComponent(demandId)}` })}
      />
    </View>
  )
}
