import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { decisionProblem, ReviewView, type Decision } from './ReviewView'

/** 外勤审核. On open: `visit.listPending`; each decision: `visit.review`, then the item leaves the list. */
export default function ReviewPage() {
  const list = usePagedPage((cursor) => callCloud('visit', 'listPending', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busyId, setBusyId] = useState<string | null>(null)

  const decide = async (visitId: string, decision: Decision) => {
    if (busyId) return
    const note = (notes[visitId] ?? '').trim()
    const problem = decisionProblem(decision, note)
    setErrors((e) => ({ ...e, [visitId]: problem ?? '' }))
    if (problem) return
    setBusyId(visitId)
    try {
      await callCloud('visit', 'review', { visitId, decision, note })
      list.setItems((items) => items.filter((v) => v.id !== visitId))
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已退回', icon: 'success' })
    } catch (err) {
      const e = toCloudError(err)
      if (e.code === 'CONFLICT' || e.code === 'NOT_FOUND') {
        // Someone else decided first: say so, and the item leaves the list.
        void Taro.showModal({ title: '这条已经处理过了', content: e.message, showCancel: false })
        list.setItems((items) => items.filter((v) => v.id !== visitId))
      } else {
        setErrors((x) => ({ ...x, [visitId]: e.message }))
      }
    } finally {
      setBusyId(null)
    }
  }

  return (
    <View className='jdq-page'>
      <ReviewView
        {...list.view}
        notes={notes}
        onNote={(id, t) => setNotes((n) => ({ ...n, [id]: t }))}
        busyId={busyId}
        errors={errors}
        onDecide={(id, d) => void decide(id, d)}
      />
    </View>
  )
}
