import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { loadOverviewCached } from '@/src/services/offline-cache'
import { toCloudError } from '@/src/services/reply'
import { contactProblem, LiangLianView, type ContactDraft } from './LiangLianView'

/** 两联. On open: `points.overview`. `points.addContact` / `points.removeContact`, then the overview again. */
export default function LiangLianPage() {
  // Kept on the phone: 联系点 and 联系人 (with their phones) are there without signal.
  const overview = useCloud(loadOverviewCached)
  const [draft, setDraft] = useState<ContactDraft | null>(null)
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [removingId, setRemovingId] = useState<string | null>(null)

  usePageRefresh(overview.reload)

  const add = async () => {
    if (!draft) return
    const problem = contactProblem(draft)
    if (problem) {
      setFormError(problem)
      return
    }
    setSaving(true)
    setFormError(null)
    try {
      await callCloud('points', 'addContact', { name: draft.name.trim(), relation: draft.relation.trim(), phone: draft.phone.trim() })
      setDraft(null)
      void Taro.showToast({ title: '已登记', icon: 'success' })
      void overview.reload()
    } catch (err) {
      setFormError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  const remove = async (contactId: string, name: string) => {
    const answer = await Taro.showModal({ title: '删除联系人', content: `确定删除联系人“${name}”吗？`, confirmText: '删除', cancelText: '不删' })
    if (!answer.confirm) return
    setRemovingId(contactId)
    try {
      await callCloud('points', 'removeContact', { contactId })
      void overview.reload()
    } catch (err) {
      void Taro.showModal({ title: '没能删除', content: toCloudError(err).message, showCancel: false })
    } finally {
      setRemovingId(null)
    }
  }

  return (
    <View className='jdq-page'>
      <LiangLianView
        overview={overview}
        onRetry={() => void overview.reload()}
        draft={draft}
        onDraft={(d) => {
          setDraft(d)
          setFormError(null)
        }}
        saving={saving}
        formError={formError}
        onAdd={() => void add()}
        onRemove={(id, name) => void remove(id, name)}
        removingId={removingId}
        onShowPlate={(id) => void Taro.navigateTo({ url: `/cadre/pages/qr/index?kind=point&id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
