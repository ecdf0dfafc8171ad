import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePaged } from '../../../hooks/usePaged'
import { usePageRefresh } from '../../../hooks/usePagedPage'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { CasesView, type Editing, type Tab } from './CasesView'

/**
 * 差评回访 and 超期诉求. On open: `ratings.listCases` and `demands.listOverdue` (my subtree).
 * `ratings.listAppeals` (申诉 tab). Steps: `ratings.revisit`, `ratings.rectify`, `ratings.decideAppeal` (void), `demands.supervise`.
 */
export default function CasesPage() {
  // A reminder opens a tab directly (?tab=overdue from an overdue-demand reminder, ?tab=cases from a 差评 one).
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.tab === 'overdue' || params.tab === 'appeals' ? params.tab : 'cases')
  const cases = usePaged((cursor) => callCloud('ratings', 'listCases', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const overdue = usePaged((cursor) => callCloud('demands', 'listOverdue', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const appeals = usePaged((cursor) => callCloud('ratings', 'listAppeals', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const [editing, setEditing] = useState<Editing | null>(null)
  const current = tab === 'cases' ? cases : tab === 'overdue' ? overdue : appeals
  usePageRefresh(() => current.reload(), () => current.loadMore())

  const send = async () => {
    if (!editing) return
    const text = editing.text.trim()
    if (!text) return setEditing({ ...editing, error: '请填写内容' })
    setEditing({ ...editing, sending: true, error: null })
    try {
      if (editing.action === 'revisit') await callCloud('ratings', 'revisit', { caseId: editing.id, note: text })
      if (editing.action === 'rectify') await callCloud('ratings', 'rectify', { caseId: editing.id, result: text })
      if (editing.action === 'void') {
        const c = cases.items.find((i) => i.id === editing.id)
        if (c) await callCloud('ratings', 'decideAppeal', { ratingId: c.ratingId, decision: 'void', reason: text })
      }
      if (editing.action === 'voidRating') await callCloud('ratings', 'decideAppeal', { ratingId: editing.id, decision: 'void', reason: text })
      if (editing.action === 'keepRating') await callCloud('ratings', 'decideAppeal', { ratingId: editing.id, decision: 'keep', reason: text })
      if (editing.action === 'supervise') await callCloud('demands', 'supervise', { demandId: editing.id, note: text })
      setEditing(null)
      await current.reload()
    } catch (err) {
      setEditing({ ...editing, sending: false, error: toCloudError(err).message })
    }
  }

  return (
    <View className='jdq-page'>
      <CasesView
        tab={tab}
        onTab={(t) => {
          setEditing(null)
          setTab(t)
        }}
        cases={cases}
        overdue={overdue}
        appeals={appeals}
        onRetry={() => void current.reload()}
        onMore={() => void current.loadMore()}
        editing={editing}
        onEdit={(e) => setEditing(e ? { ...e, text: '', sending: false, error: null } : null)}
        onText={(text) => setEditing((e) => (e ? { ...e, text } : e))}
        onSend={() => void send()}
        onOpenDemand={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
