import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { CasesView, tabOptions, type CaseAction, type Editing, type Tab } from './CasesView'
import { quickActions } from './EditOrButtons'

/**
 * 差评回访, 超期诉求, 延期申请, 上报待答复, 无效诉求 and 申诉, each a list of my subtree (the reports: those sent to
 * my own unit): `ratings.listCases`, `demands.listOverdue`, `demands.listExtensions`, `demands.listReports`,
 * `demands.listInvalid`, `ratings.listAppeals`. Steps: `ratings.revisit` / `rectify` / `decideAppeal`,
 * `demands.supervise` / `decideExtension` / `receiveReport` / `answerReport` / `reinstate`.
 */
export default function CasesPage() {
  // A reminder opens a tab directly (?tab=overdue from an overdue-demand reminder, ?tab=cases from a 差评 one).
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(tabOptions.find((t) => t.value === params.tab)?.value ?? 'cases')
  const page = (cursor: string | undefined) => ({ limit: 20, ...(cursor ? { cursor } : {}) })
  const cases = usePaged((cursor) => callCloud('ratings', 'listCases', page(cursor)))
  const overdue = usePaged((cursor) => callCloud('demands', 'listOverdue', page(cursor)))
  const extensions = usePaged((cursor) => callCloud('demands', 'listExtensions', page(cursor)))
  const reports = usePaged((cursor) => callCloud('demands', 'listReports', page(cursor)))
  const invalid = usePaged((cursor) => callCloud('demands', 'listInvalid', page(cursor)))
  const appeals = usePaged((cursor) => callCloud('ratings', 'listAppeals', page(cursor)))
  const [editing, setEditing] = useState<Editing | null>(null)
  const lists = { cases, overdue, extensions, reports, invalid, appeals }
  const current = lists[tab]
  usePageRefresh(
    () => current.reload(),
    () => current.loadMore()
  )

  const perform = async (id: string, action: CaseAction, text: string) => {
    const demandId = id
    switch (action) {
      case 'revisit':
        return callCloud('ratings', 'revisit', { caseId: id, note: text })
      case 'rectify':
        return callCloud('ratings', 'rectify', { caseId: id, result: text })
      case 'void': {
        const c = cases.items.find((i) => i.id === id)
        return c ? callCloud('ratings', 'decideAppeal', { ratingId: c.ratingId, decision: 'void', reason: text }) : undefined
      }
      case 'voidRating':
        return callCloud('ratings', 'decideAppeal', { ratingId: id, decision: 'void', reason: text })
      case 'keepRating':
        return callCloud('ratings', 'decideAppeal', { ratingId: id, decision: 'keep', reason: text })
      case 'supervise':
        return callCloud('demands', 'supervise', { demandId, note: text })
      case 'approveExtension':
      case 'refuseExtension':
        return callCloud('demands', 'decideExtension', { demandId, decision: action === 'approveExtension' ? 'approve' : 'refuse', reason: text })
      case 'receiveReport':
        return callCloud('demands', 'receiveReport', { demandId })
      case 'answerReport':
      case 'returnReport':
        return callCloud('demands', 'answerReport', { demandId, answer: text, outcome: action === 'answerReport' ? 'answered' : 'returned' })
      case 'reinstate':
        return callCloud('demands', 'reinstate', { demandId, reason: text })
    }
  }

  const send = async (e: Editing) => {
    const text = e.text.trim()
    if (!text && !quickActions.includes(e.action)) return setEditing({ ...e, error: '请填写内容' })
    setEditing({ ...e, sending: true, error: null })
    try {
      await perform(e.id, e.action, text)
      setEditing(null)
      await current.reload()
    } catch (err) {
      setEditing({ ...e, sending: false, error: toCloudError(err).message })
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
        {...lists}
        onRetry={() => void current.reload()}
        onMore={() => void current.loadMore()}
        editing={editing}
        onEdit={(e) => {
          const next = e ? { ...e, text: '', sending: false, error: null } : null
          setEditing(next)
          if (next && quickActions.includes(next.action)) void send(next)
        }}
        onText={(text) => setEditing((e) => (e ? { ...e, text } : e))}
        onSend={() => editing && void send(editing)}
        onOpenDemand={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
