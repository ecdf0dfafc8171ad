import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { FeedbackAdminView, type FeedbackTab } from './FeedbackAdminView'

/** 投诉建议处理. On open: `feedback.list` (待回复); each answer: `feedback.answer`, then it leaves the list. */
export default function FeedbackAdminPage() {
  const [tab, setTab] = useState<FeedbackTab>('unanswered')
  const list = usePagedPage((cursor) => callCloud('feedback', 'list', { status: tab, ...(cursor ? { cursor } : {}) }), [tab])
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busyId, setBusyId] = useState<string | null>(null)

  const answer = async (id: string) => {
    const text = (drafts[id] ?? '').trim()
    if (text.length < 2) return setErrors((e) => ({ ...e, [id]: '请写下答复' }))
    if (busyId) return
    setBusyId(id)
    setErrors((e) => ({ ...e, [id]: '' }))
    try {
      await callCloud('feedback', 'answer', { feedbackId: id, text })
      list.setItems((items) => items.filter((f) => f.id !== id))
      void Taro.showToast({ title: '已答复', icon: 'success' })
    } catch (err) {
      const e = toCloudError(err)
      if (e.code === 'CONFLICT') list.setItems((items) => items.filter((f) => f.id !== id))
      setErrors((x) => ({ ...x, [id]: e.message }))
      if (e.code === 'CONFLICT') void Taro.showModal({ title: '已经答复过了', content: e.message, showCancel: false })
    } finally {
      setBusyId(null)
    }
  }

  return (
    <View className='jdq-page'>
      <FeedbackAdminView
        tab={tab}
        onTab={setTab}
        {...list.view}
        drafts={drafts}
        onDraft={(id, t) => setDrafts((d) => ({ ...d, [id]: t }))}
        errors={errors}
        busyId={busyId}
        onAnswer={(id) => void answer(id)}
      />
    </View>
  )
}
