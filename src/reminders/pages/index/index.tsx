import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ReminderItem, ReminderKind } from '@/types/reminders'
import { usePaged } from '@/src/hooks/usePaged'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { askForReminders } from '@/src/services/subscribe'
import { RemindersView } from './RemindersView'

/** 提醒. On open: `reminders.list` (first page) and `reminders.overview` (settings, quota, what to ask for). */
export default function RemindersPage() {
  const list = usePaged((cursor) => callCloud('reminders', 'list', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const overview = useCloud(() => callCloud('reminders', 'overview', {}))
  const [subscribing, setSubscribing] = useState(false)
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), overview.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const open = (item: ReminderItem) => {
    if (!item.read) {
      list.setItems((items) => items.map((i) => (i.id === item.id ? { ...i, read: true } : i)))
      void callCloud('reminders', 'markRead', { ids: [item.id] }).catch(() => undefined)
    }
    void Taro.navigateTo({ url: `/${item.page}` })
  }
  const markAll = async () => {
    list.setItems((items) => items.map((i) => ({ ...i, read: true })))
    await callCloud('reminders', 'markRead', { all: true }).catch(() => undefined)
  }
  const subscribe = () => {
    setSubscribing(true)
    // Straight from the tap, with the ids already loaded: WeChat refuses a request that is not from a tap.
    void askForReminders(overview.data?.ask ?? []).then((next) => {
      setSubscribing(false)
      if (next) {
        void Taro.showToast({ title: '已开启微信提醒', icon: 'success' })
        void overview.reload()
      }
    })
  }
  const toggle = async (kind: ReminderKind, on: boolean) => {
    const off = (overview.data?.kinds ?? []).filter((k) => (k.kind === kind ? !on : !k.on)).map((k) => k.kind)
    try {
      await callCloud('reminders', 'settings', { off })
      await overview.reload()
    } catch (err) {
      void Taro.showToast({ title: toCloudError(err).message, icon: 'none' })
    }
  }

  return (
    <View className='jdq-page'>
      <RemindersView
        list={list}
        overview={overview}
        subscribing={subscribing}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onOpen={open}
        onMarkAllRead={() => void markAll()}
        onSubscribe={subscribe}
        onToggle={(kind, on) => void toggle(kind, on)}
      />
    </View>
  )
}
