import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../hooks/useCloud'
import { loadMe } from '../../services/me'
import { callCloud } from '../../services/cloud'
import { outbox, type OutboxState } from '../../services/outbox'
import { loadProgressCached, prefetchCadre } from '../../services/offline-cache'
import { HomeView, type HomeEntry } from './HomeView'

const routes: Record<HomeEntry, string> = {
  checkin: '/pages/checkin/index',
  visits: '/cadre/pages/visits/index',
  calendar: '/cadre/pages/calendar/index',
  households: '/cadre/pages/households/index',
  lianglian: '/cadre/pages/lianglian/index',
  ledger: '/cadre/pages/ledger/index',
  ratings: '/cadre/pages/ratings/index',
  diary: '/cadre/pages/diary/index',
  reports: '/cadre/pages/reports/index',
  outcomes: '/cadre/pages/outcomes/index',
  periods: '/cadre/pages/periods/index',
  exemplars: '/cadre/pages/exemplars/index',
  outbox: '/cadre/pages/outbox/index',
  work: '/work/pages/index/index'
}

/**
 * 我的工作台. On open: `user.me`; for a cadre, then `visit.progress` (nothing else: 两联 comes with user.me).
 * On show: the outbox is read from storage and flushed. With signal, a cadre's data for offline work is
 * refreshed on the phone (services/offline-cache.ts: prefetchCadre).
 */
export default function IndexPage() {
  const me = useCloud(loadMe)
  const isCadre = me.data?.role === 'cadre'
  const progress = useCloud(() => (isCadre ? loadProgressCached() : Promise.resolve(null)), [isCadre])
  const badge = useCloud(() => callCloud('reminders', 'getBadge', {}))
  const queue = outbox()
  const [queueState, setQueueState] = useState<OutboxState>(() => queue.state())
  const [uploading, setUploading] = useState(false)

  useEffect(() => queue.subscribe(setQueueState), [queue])
  useEffect(() => {
    if (me.data && !me.error) void prefetchCadre(me.data)
  }, [me.data, me.error])

  const upload = async () => {
    setUploading(true)
    try {
      const report = await queue.flush()
      if (report.sent.length > 0) {
        void Taro.showToast({ title: `已上传 ${report.sent.length} 条`, icon: 'success' })
        void progress.reload()
      } else if (report.kept > 0) {
        void Taro.showToast({ title: '网络还不好，稍后会自动再传', icon: 'none' })
      }
    } finally {
      setUploading(false)
      setQueueState(queue.state())
    }
  }

  useDidShow(() => {
    // Back from the reminder center: the badge may have changed.
    if (badge.data) void badge.reload()
    setQueueState(queue.state())
    if (queue.state().pending.length > 0) void upload()
    // Back from 打卡 or a record: the day count may have changed.
    else if (progress.data) void progress.reload()
  })

  usePullDownRefresh(() => {
    void Promise.all([me.reload(), isCadre ? progress.reload() : Promise.resolve()]).finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='jdq-page'>
      <HomeView
        me={me}
        onRetry={() => void me.reload()}
        onOpenManager={() => void Taro.navigateTo({ url: '/manager/pages/index/index' })}
        reminders={{ unread: badge.data?.unread, onOpen: () => void Taro.navigateTo({ url: '/reminders/pages/index/index' }) }}
        account={{
          onOpenFeedback: () => void Taro.navigateTo({ url: '/account/pages/feedback/index' }),
          onOpenJoin: () => void Taro.navigateTo({ url: '/account/pages/join/index' })
        }}
        cadre={{
          progress,
          onRetryProgress: () => void progress.reload(),
          queue: queueState,
          uploading,
          onUpload: () => void upload(),
          onOpen: (entry) => void Taro.navigateTo({ url: routes[entry] })
        }}
      />
    </View>
  )
}
