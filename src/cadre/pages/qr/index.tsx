import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { QrView } from './QrView'

type Kind = 'visit' | 'demand' | 'point'

/** The cadre's QR code for a visit, an answered demand or a liaison point. On open: `ratings.qr`. */
export default function QrPage() {
  const { params } = useRouter()
  const kind: Kind = params.kind === 'demand' || params.kind === 'point' ? params.kind : 'visit'
  const targetId = decodeURIComponent(params.id ?? '')
  const code = useCloud(() => callCloud('ratings', 'qr', { kind, targetId }), [kind, targetId])
  return (
    <View className='jdq-page'>
      <QrView code={code} kind={kind} onRetry={() => void code.reload()} />
    </View>
  )
}
