import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../../hooks/useCloud'
import { usePaged } from '../../../hooks/usePaged'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { RatingsView, type RatingsViewProps } from './RatingsView'

/** 群众评价. On open: `ratings.stats` (this month) and `ratings.listMine`. Appeal: `ratings.appeal`. */
export default function RatingsPage() {
  const figures = useCloud(() => callCloud('ratings', 'stats', {}))
  const list = usePaged((cursor) => callCloud('ratings', 'listMine', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const [appeal, setAppeal] = useState<RatingsViewProps['appeal']>(null)
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), figures.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const send = async () => {
    if (!appeal) return
    if (!appeal.reason.trim()) return setAppeal({ ...appeal, error: '请填写申诉理由' })
    setAppeal({ ...appeal, sending: true, error: null })
    try {
      const updated = await callCloud('ratings', 'appeal', { ratingId: appeal.ratingId, reason: appeal.reason.trim() })
      list.setItems((items) => items.map((r) => (r.id === updated.id ? updated : r)))
      setAppeal(null)
    } catch (err) {
      setAppeal({ ...appeal, sending: false, error: toCloudError(err).message })
    }
  }

  return (
    <View className='jdq-page'>
      <RatingsView
        figures={figures}
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        appeal={appeal}
        onAppeal={(ratingId) => setAppeal(ratingId ? { ratingId, reason: '', sending: false, error: null } : null)}
        onReason={(reason) => setAppeal((a) => (a ? { ...a, reason } : a))}
        onSendAppeal={() => void send()}
      />
    </View>
  )
}
