import Taro from '@tarojs/taro'
import type { ReminderOverview } from '@/types/reminders'
import { callCloud } from './cloud'

/**
 * Asks for subscribe messages, only ever right after the user tapped something (WeChat requires it), at most 3
 * templates at a time, and tells the server which ones were accepted: each is one message of quota.
 *
 * weapp: Taro.requestSubscribeMessage. H5 (local development) has no such API: a dialog clearly marked as a
 * development simulation stands in for WeChat's, so the flow can be tried in a browser.
 */
export const subscriber = {
  async request(tmplIds: string[]): Promise<string[]> {
    if (tmplIds.length === 0) return []
    if (process.env.TARO_ENV === 'weapp') {
      const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as never)) as unknown as Record<string, string>
      return tmplIds.filter((id) => res[id] === 'accept')
    }
    const { confirm } = await Taro.showModal({
      title: '【开发环境模拟】微信订阅消息',
      content: '浏览器里没有微信的订阅消息。这里模拟微信的授权弹窗：允许后，系统可以给您发 1 条相关的微信提醒。',
      confirmText: '允许',
      cancelText: '拒绝'
    })
    return confirm ? tmplIds : []
  }
}

/** After a tap: asks for the templates the server suggests and records the accepted ones. Never throws. */
export async function askForReminders(ask?: string[]): Promise<ReminderOverview | null> {
  try {
    const ids = ask ?? (await callCloud('reminders', 'overview', {})).ask
    const accepted = await subscriber.request(ids.slice(0, 3))
    if (accepted.length === 0) return null
    return await callCloud('reminders', 'consent', { templateIds: accepted })
  } catch {
    // A refused or failed request leaves everything as it was: reminders still appear in the app.
    return null
  }
}
