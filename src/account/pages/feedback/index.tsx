import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { newSubmissionId } from '@/src/services/outbox'
import { loadMe } from '@/src/services/me'
import { toCloudError } from '@/src/services/reply'
import { currentLang, translator } from '@/src/i18n'
import { messages } from './messages'
import { FeedbackView, emptyFeedbackForm, formProblems, type FeedbackForm } from './FeedbackView'

/** 投诉建议 (in the reader's language: ./messages.ts). On open: `user.me` (residents choose the office) and `feedback.listMine`; 提交: `feedback.submit`. */
export default function FeedbackPage() {
  const me = useCloud(loadMe)
  const mine = usePagedPage((cursor) => callCloud('feedback', 'listMine', cursor ? { cursor } : {}))
  const [form, setForm] = useState<FeedbackForm>(emptyFeedbackForm)
  const [problems, setProblems] = useState<ReturnType<typeof formProblems>>({})
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<string | null>(null)
  // One id per written submission: a retried tap after a lost reply lands once.
  const submissionId = useRef(newSubmissionId())

  const send = async () => {
    const found = formProblems(form)
    setProblems(found)
    if (Object.keys(found).length || sending || !form.kind) return
    setSending(true)
    setSendError(null)
    try {
      const sent = await callCloud('feedback', 'submit', {
        submissionId: submissionId.current,
        kind: form.kind,
        to: form.to,
        text: form.text.trim(),
        ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
        ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {})
      })
      submissionId.current = newSubmissionId()
      setForm(emptyFeedbackForm)
      mine.setItems((items) => [sent, ...items.filter((x) => x.id !== sent.id)])
      void Taro.showToast({ title: translator(messages, currentLang())('sent'), icon: 'success' })
    } catch (err) {
      setSendError(toCloudError(err).message)
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='jdq-page'>
      <FeedbackView
        chooseTo={!me.data || me.data.role === 'resident'}
        form={form}
        onForm={(f) => {
          setForm(f)
          setProblems({})
        }}
        problems={problems}
        sending={sending}
        onSend={() => void send()}
        sendError={sendError}
        mine={mine.view.list}
        onRetryMine={mine.view.onRetry}
        onMoreMine={mine.view.onMore}
      />
    </View>
  )
}
