import { useState } from 'react'
import { View } from '@tarojs/components'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { HeldView, type Decision } from './HeldView'

/** The most ratings one review call takes (ratings.reviewHeld). */
const BATCH = 50

/** 待审核的评价. On open: `ratings.listHeld` (my subtree). Review: `ratings.reviewHeld`, in batches of 50. */
export default function HeldPage() {
  const list = usePagedPage((cursor) => callCloud('ratings', 'listHeld', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState<string[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const review = async (ids: string[], decision: Decision) => {
    setBusy(ids)
    setError(null)
    try {
      for (let i = 0; i < ids.length; i += BATCH) {
        await callCloud('ratings', 'reviewHeld', { ratingIds: ids.slice(i, i + BATCH), decision, ...(note.trim() ? { note: note.trim() } : {}) })
      }
      list.setItems((items) => items.filter((r) => !ids.includes(r.id)))
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='jdq-page'>
      <HeldView {...list.view} note={note} onNote={setNote} busy={busy} error={error} onReview={(ids, d) => void review(ids, d)} />
    </View>
  )
}
