import { useState } from 'react'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { BigButton } from '@/src/components/BigButton'
import { Card } from '@/src/components/StateViews'
import { toCloudError } from '@/src/services/reply'
import { PLATE } from './plate'
import { PLATE_CANVAS_ID, renderPlate, savePlate } from './plate-image'

interface PlateState {
  src: string | null
  busy: boolean
  error: string | null
}

/**
 * 联系点铭牌: the point's code on a card with its name and one line of instructions in Chinese and Tibetan, made on
 * the phone (no server work), to save and print. Nothing is made until the cadre asks: most visits to this page
 * only show the code.
 */
export function PlateCard({ qrUrl, pointName }: { qrUrl: string; pointName: string }) {
  const [state, setState] = useState<PlateState>({ src: null, busy: false, error: null })
  const make = async () => {
    setState({ src: null, busy: true, error: null })
    try {
      setState({ src: await renderPlate(qrUrl, pointName), busy: false, error: null })
    } catch (err) {
      setState({ src: null, busy: false, error: toCloudError(err).message })
    }
  }
  const save = async () => {
    if (!state.src) return
    try {
      await savePlate(state.src, pointName)
    } catch (err) {
      setState({ ...state, error: toCloudError(err).message })
    }
  }
  return (
    <Card title='打印联系点铭牌' testId='plate'>
      <Text className='jdq-text'>生成一张带联系点名称和二维码的图片（中文、藏文说明），打印后贴在联系点，群众随时扫码反映问题。</Text>
      {state.src ? (
        <View className='qr-plate'>
          <Image className='qr-plate__image' src={state.src} mode='widthFix' showMenuByLongpress data-testid='plate-image' />
          <Text className='jdq-hint'>建议打印成 10×14 厘米或更大；也可以长按图片保存或转发。</Text>
          <BigButton onClick={() => void save()} testId='plate-save'>
            {process.env.TARO_ENV === 'h5' ? '下载铭牌图片' : '保存到相册'}
          </BigButton>
        </View>
      ) : (
        <BigButton kind='plain' onClick={() => void make()} loading={state.busy} testId='plate-make'>
          {state.busy ? '正在生成…' : '生成铭牌图片'}
        </BigButton>
      )}
      {state.error ? (
        <Text className='jdq-field__error' data-testid='plate-error'>
          {state.error}
        </Text>
      ) : null}
      {process.env.TARO_ENV === 'h5' ? null : (
        // Drawn off screen at the card's own size; only its picture is shown.
        <Canvas type='2d' id={PLATE_CANVAS_ID} className='qr-plate__canvas' style={{ width: `${PLATE.width}px`, height: `${PLATE.height}px` }} />
      )}
    </Card>
  )
}
