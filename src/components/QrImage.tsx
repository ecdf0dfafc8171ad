import { Image, View } from '@tarojs/components'
import './QrImage.scss'

/**
 * A QR code image, centred in its own box at a fixed size (a scanner needs the whole code and its quiet zone:
 * drawn with aspectFit inside a centred card it came out shifted by half its width and clipped). Long-press offers WeChat's own menu
 * (识别图中二维码, 保存图片).
 */
export function QrImage({ src, size = 240, testId }: { src: string; size?: number; testId?: string }) {
  return (
    <View className='jdq-qr' style={{ width: `${size}px`, height: `${size}px` }}>
      <Image
        className='jdq-qr__image'
        src={src}
        mode='scaleToFill'
        showMenuByLongpress
        style={{ width: `${size}px`, height: `${size}px` }}
        data-testid={testId}
      />
    </View>
  )
}
