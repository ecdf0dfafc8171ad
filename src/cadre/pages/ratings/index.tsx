import { useState } from 'react'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { RatingsView, type RatingsViewProps } from './RatingsView'

/**
 * 群众评价. On open: `ratings.stats` and `ratings.summary` (this month: aggregates only) and `ratings.listRequests`
 * (整改 requests, stripped of who asked). Appeal: `ratings.appeal`.
 */
export default function RatingsPage() {
  const figures = useCloud(() => callCloud('ratings', 'stats', {}))
  const summary = useCloud(() => callCloud('ratings', 'summary', {}))
  const list = usePagedPage((cursor) => callCloud('ratings', 'listRequests', { limit: 20, ...(cursor ? { cursor } : {}) }), [], {
    alsoRefresh: () => Promise.all([figures.reload(), summary.reload()])
  })
  const [appeal, setAppeal] = useState<RatingsViewProps['appeal']>(null)

  const send = async () => {
    if (!appeal) return
    if (!appeal.reason.trim()) return setAppeal({ ...appeal, error: '请填写申诉理由' })
    setAppeal({ ...appeal, sending: true, error: null })
    try {
      await callCloud('ratings', 'appeal', { ratingId: appeal.ratingId, reason: appeal.reason.trim() })
      list.setItems((items) => items.map((r) => (r.ratingId === appeal.ratingId ? { ...r, appeal: { status: 'pending' } } : r)))
      setAppeal(null)
    } catch (err) {
      setAppeal({ ...appeal, sending: false, error: toCloudError(err).message })
    }
  }

  return (
    <View className='jdq-page'>
      <RatingsView
        figures={figures}
        summary={summary}
        {...list.view}
        appeal={appeal}
        onAppeal={(ratingId) => setAppeal(ratingId ? { ratingId, reason: '', sending: false, error: null } : null)}
        onReason={(reason) => setAppeal((a) => (a ? { ...a, reason } : a))}
        onSendAppeal={() => void send()}
      />
    </View>
  )
}
