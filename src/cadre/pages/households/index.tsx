import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { FiveMustVisit } from '@/types/enums'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { cached } from '@/src/services/offline-cache'
import { toCloudError } from '@/src/services/reply'
import { draftProblem, HouseholdsView, type HouseholdDraft } from './HouseholdsView'

/**
 * 五必访. On open: `households.coverage` and `households.list` (first page), kept on the phone. The kind filter reloads the list
 * only; adding a household (`households.create`) reloads both.
 */
export default function HouseholdsPage() {
  const [kind, setKind] = useState<FiveMustVisit | 'all'>('all')
  // Coverage and each filter's first page are kept on the phone for use without signal.
  const coverage = useCloud(() => cached('households.coverage', () => callCloud('households', 'coverage', {})))
  const four = useCloud(() => callCloud('households', 'fourHundred', {}))
  const list = usePagedPage(
    (cursor) => {
      const load = () => callCloud('households', 'list', { limit: 20, ...(kind !== 'all' ? { kind } : {}), ...(cursor ? { cursor } : {}) })
      return cursor ? load() : cached(`households.list.${kind}`, load)
    },
    [kind],
    { alsoRefresh: () => Promise.all([coverage.reload(), four.reload()]), reloadOnShow: true }
  )
  const [draft, setDraft] = useState<HouseholdDraft | null>(null)
  const [adding, setAdding] = useState(false)
  const [addError, setAddError] = useState<string | null>(null)

  const add = async () => {
    if (!draft) return
    const problem = draftProblem(draft)
    if (problem || !draft.kind) {
      setAddError(problem)
      return
    }
    setAdding(true)
    setAddError(null)
    try {
      await callCloud('households', 'create', { kind: draft.kind, displayName: draft.displayName.trim(), area: draft.area.trim() })
      setDraft(null)
      void Taro.showToast({ title: '已登记', icon: 'success' })
      void coverage.reload()
      void list.reload()
    } catch (err) {
      setAddError(toCloudError(err).message)
    } finally {
      setAdding(false)
    }
  }

  return (
    <View className='jdq-page'>
      <HouseholdsView
        coverage={coverage}
        list={list}
        kind={kind}
        onKind={(k) => {
          list.setItems(() => [])
          setKind(k)
        }}
        onRetry={list.view.onRetry}
        onMore={list.view.onMore}
        draft={draft}
        onDraft={(d) => {
          setDraft(d)
          setAddError(null)
        }}
        adding={adding}
        addError={addError}
        onAdd={() => void add()}
        four={four}
        onOpenBook={(h) => void Taro.navigateTo({ url: `/work/pages/book/index?id=${encodeURIComponent(h.id)}` })}
      />
    </View>
  )
}
