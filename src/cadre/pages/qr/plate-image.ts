import Taro from '@tarojs/taro'
import { browserDownload } from '@/src/services/browser-download'
import { CloudError } from '@/src/services/reply'
import { drawPlate, PLATE, type PlateContext } from './plate'

/** The off-screen `<Canvas type="2d">` the WeChat build draws the card on (the page renders it). */
export const PLATE_CANVAS_ID = 'plate-canvas'

interface LoadableImage {
  src: string
  crossOrigin?: string | null
  // A browser's handlers take an event, WeChat's nothing: only "it loaded" and "it failed" are read.
  onload: ((...args: never[]) => unknown) | null
  onerror: ((...args: never[]) => unknown) | null
}

function load<T extends LoadableImage>(img: T, src: string): Promise<T> {
  return new Promise((resolve, reject) => {
    img.onload = () => resolve(img)
    img.onerror = () => reject(new CloudError('UNAVAILABLE', '二维码图片没有取到，网络不太好，请稍后再试'))
    img.src = src
  })
}

interface WeappCanvas {
  width: number
  height: number
  getContext(kind: '2d'): PlateContext
  createImage(): LoadableImage
}

/**
 * The plate card as a picture: a PNG data URL in the browser, a temporary file path in WeChat (which a long
 * press or saveImageToPhotosAlbum then keeps). `qrUrl` is the code's temporary link.
 */
export async function renderPlate(qrUrl: string, pointName: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const img = new Image()
    img.crossOrigin = 'anonymous'
    await load(img, qrUrl)
    const canvas = document.createElement('canvas')
    canvas.width = PLATE.width
    canvas.height = PLATE.height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new CloudError('UNAVAILABLE', '这个浏览器不能生成图片')
    drawPlate(ctx, img, pointName)
    return canvas.toDataURL('image/png')
  }
  const canvas = await new Promise<WeappCanvas | undefined>((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${PLATE_CANVAS_ID}`)
      .fields({ node: true })
      .exec((res: { node?: WeappCanvas }[]) => resolve(res[0]?.node))
  })
  if (!canvas) throw new CloudError('UNAVAILABLE', '没能生成图片，请退出这一页再试')
  // The canvas draws at its own pixel size, not the screen's: the card comes out 1200 × 1720 on every phone.
  canvas.width = PLATE.width
  canvas.height = PLATE.height
  // A network image must be on the phone before a canvas can draw it.
  const local = await Taro.getImageInfo({ src: qrUrl }).catch(() => {
    throw new CloudError('UNAVAILABLE', '二维码图片没有取到，网络不太好，请稍后再试')
  })
  const img = await load(canvas.createImage(), local.path)
  drawPlate(canvas.getContext('2d'), img, pointName)
  const file = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as unknown as Taro.canvasToTempFilePath.Option)
  return file.tempFilePath
}

/** Keeps the card: the browser downloads it; WeChat saves it to the phone's photos (asking once for permission). */
export async function savePlate(src: string, pointName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    browserDownload(src, `联系点铭牌-${pointName}.png`)
    return
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: src })
  } catch (err) {
    const denied = /auth|deny|denied/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))
    throw new CloudError('FORBIDDEN', denied ? '没有保存到相册的权限：请在右上角“…”→设置里允许，或长按图片保存' : '没能保存，请长按图片保存')
  }
}
