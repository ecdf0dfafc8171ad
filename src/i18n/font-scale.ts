/**
 * 关怀模式: the text size a resident chose in WeChat (设置 → 通用 → 字体大小), as a factor of the designed size.
 * WeChat reports it as fontSizeScaleFactor (wx.getAppBaseInfo; older clients: getSystemInfoSync); care mode is
 * about 1.4. Never below 1 (the pages are designed large already) and at most 1.6, beyond which the five
 * levels and the buttons no longer fit a phone's width. In a browser (local development) there is no such
 * setting: `jdq.fontScale` in storage stands in for it.
 */
import Taro from '@tarojs/taro'
import { readKey } from '../services/local-store'

export const MAX_FONT_SCALE = 1.6

export const clampScale = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? Math.min(MAX_FONT_SCALE, Math.max(1, n)) : 1)

export function fontScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return clampScale(Number(readKey<string | number>('jdq.fontScale')))
  try {
    const base = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: number } }).getAppBaseInfo?.()
    const factor = base?.fontSizeScaleFactor ?? (Taro.getSystemInfoSync() as { fontSizeScaleFactor?: number }).fontSizeScaleFactor
    return clampScale(factor)
  } catch {
    return 1
  }
}
