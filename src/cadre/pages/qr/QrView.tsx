import { Text } from '@tarojs/components'
import { QrImage } from '@/src/components/QrImage'
import type { QrCode } from '@/types/service'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { PlateCard } from './PlateCard'
import './index.scss'

const titles = { visit: '请群众扫码评价这次走访', demand: '请群众扫码确认并评价', point: '联系点二维码：群众随时扫码反映问题' } as const

/** The QR code the cadre shows on their phone (or prints, for a liaison point's plate). */
export function QrView({ code, kind, onRetry }: { code: CloudState<QrCode>; kind: keyof typeof titles; onRetry: () => void }) {
  if (!code.data) {
    if (code.error) return <ErrorView error={code.error} onRetry={onRetry} retrying={code.loading} />
    return <LoadingView text='正在生成二维码…' />
  }
  return (
    <>
      <Card title={titles[kind]} testId='qr'>
        {code.data.label ? <Text className='jdq-row__title'>{code.data.label}</Text> : null}
        <QrImage src={code.data.imageUrl} size={280} testId='qr-image' />
        <Text className='jdq-row__line'>
          编号：<Text data-testid='qr-scene'>{code.data.scene}</Text>
        </Text>
        <Text className='jdq-row__line'>群众评价实名但保密，您看不到是谁评的；请不要引导或要求好评。</Text>
      </Card>
      {kind === 'point' ? <PlateCard qrUrl={code.data.imageUrl} pointName={code.data.label ?? '联系点'} /> : null}
    </>
  )
}
