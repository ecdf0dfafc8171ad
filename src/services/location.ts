/**
 * A fresh, high-accuracy position fix for 走访打卡.
 *  - WeChat: wx.getLocation type 'gcj02' (the datum of WeChat maps and of the liaison points), high accuracy.
 *  - H5 (local development and browser tests only): navigator.geolocation. Browsers give WGS-84, not GCJ-02;
 *    in China the two differ by a few hundred metres. For local development the coordinates are used as they
 *    are (the tests and the emulator's demo points set the browser position directly in the points' datum),
 *    so nothing is converted here. The product runs on WeChat.
 */
import Taro from '@tarojs/taro'

export interface PositionFix {
  lat: number
  lng: number
  /** metres */
  accuracy: number
  /** ISO, the phone's clock when the fix was taken */
  capturedAt: string
}

export type LocateErrorKind = 'denied' | 'systemOff' | 'unavailable'

export class LocateError extends Error {
  constructor(
    readonly kind: LocateErrorKind,
    message: string
  ) {
    super(message)
    this.name = 'LocateError'
    Object.setPrototypeOf(this, LocateError.prototype)
  }
}

export const locateMessages: Record<LocateErrorKind, string> = {
  denied: '没有得到位置权限，无法确认您在联系点附近。请点下面的按钮，在设置里打开“位置信息”后再试。',
  systemOff: '手机的定位服务（GPS）没有打开。请在手机设置里打开定位，再点“重新定位”。',
  unavailable: '暂时没能定位，请到室外开阔的地方，再点“重新定位”。'
}

/** What WeChat's errMsg says, as one of our kinds. */
export function classifyWeappError(errMsg: string): LocateErrorKind {
  if (/auth (deny|denied)|authorize no response|permission denied.*scope|privacy/i.test(errMsg)) return 'denied'
  if (/system permission denied|location service|locationSwitch|gps/i.test(errMsg)) return 'systemOff'
  return 'unavailable'
}

async function locateWeapp(): Promise<PositionFix> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 })
    return { lat: res.latitude, lng: res.longitude, accuracy: res.accuracy, capturedAt: new Date().toISOString() }
  } catch (err) {
    const errMsg = (err as { errMsg?: string } | undefined)?.errMsg ?? ''
    const kind = classifyWeappError(errMsg)
    throw new LocateError(kind, locateMessages[kind])
  }
}

function locateBrowser(): Promise<PositionFix> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new LocateError('unavailable', '这个浏览器不能定位，请在微信里打开'))
      return
    }
    navigator.geolocation.getCurrentPosition(
      // WGS-84 from the browser, used as-is for local development (see the top of this file).
      (pos) =>
        resolve({
          lat: pos.coords.latitude,
          lng: pos.coords.longitude,
          accuracy: pos.coords.accuracy,
          capturedAt: new Date(pos.timestamp || Date.now()).toISOString()
        }),
      (err) => {
        const kind: LocateErrorKind = err.code === 1 ? 'denied' : 'unavailable'
        reject(new LocateError(kind, kind === 'denied' ? '浏览器没有允许定位，请在地址栏左侧的网站设置里允许“位置”后再试。' : locateMessages.unavailable))
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 }
    )
  })
}

export function getFix(): Promise<PositionFix> {
  return process.env.TARO_ENV === 'weapp' ? locateWeapp() : locateBrowser()
}

/** WeChat's settings page for this mini-program (must follow a tap). Resolves true if location is now allowed. */
export async function openLocationSetting(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const res = await Taro.openSetting()
    return Boolean(res.authSetting['scope.userLocation'])
  } catch {
    return false
  }
}
