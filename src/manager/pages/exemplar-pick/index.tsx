import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ExemplarKind } from '@/types/exemplars'
import { ExemplarMarkInput } from '@/types/exemplars'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { ExemplarPickView, type ExemplarDraft } from './ExemplarPickView'

const kinds: readonly ExemplarKind[] = ['visit', 'diary', 'demand']

/**
 * 设为典型. On open: `exemplars.candidates` of the chosen kind (my subtree, newest first). Save: `exemplars.mark`.
 * Another page may open the form straight away: /manager/pages/exemplar-pick/index?kind=demand&sourceId=…
 */
export default function ExemplarPickPage() {
  const { params } = useRouter()
  const start = kinds.includes(params.kind as ExemplarKind) ? (params.kind as ExemplarKind) : 'visit'
  const [kind, setKind] = useState<ExemplarKind>(start)
  const list = usePaged((cursor) => callCloud('exemplars', 'candidates', { kind, limit: 10, ...(cursor ? { cursor } : {}) }), [kind])
  const [draft, setDraft] = useState<ExemplarDraft | null>(
    params.sourceId
      ? { kind: start, sourceId: decodeURIComponent(params.sourceId), label: '', title: '', summary: '', saving: false, error: null, saved: false }
      : null
  )
  usePageRefresh(
    () => list.reload(),
    () => list.loadMore()
  )

  const save = async () => {
    if (!draft) return
    const parsed = ExemplarMarkInput.safeParse({ kind: draft.kind, sourceId: draft.sourceId, title: draft.title, summary: draft.summary })
    if (!parsed.success) return setDraft({ ...draft, error: parsed.error.issues[0]?.message ?? '请检查标题和简介' })
    setDraft({ ...draft, saving: true, error: null })
    try {
      await callCloud('exemplars', 'mark', parsed.data)
      setDraft({ ...draft, saving: false, saved: true })
      void list.reload()
    } catch (err) {
      setDraft({ ...draft, saving: false, error: toCloudError(err).message })
    }
  }

  return (
    <View className='jdq-page'>
      <ExemplarPickView
        kind={kind}
        onKind={setKind}
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        draft={draft}
        onPick={(c) =>
          setDraft({
            kind: c.kind,
            sourceId: c.sourceId,
            label: `${c.cadreName} · ${c.date} · ${c.label}`,
            title: '',
            summary: '',
            saving: false,
            error: null,
            saved: false
          })
        }
        onDraft={(patch) => setDraft((d) => (d ? { ...d, ...patch, error: null } : d))}
        onSave={() => void save()}
        onCancel={() => setDraft(null)}
        onOpenFeed={() => void Taro.redirectTo({ url: '/cadre/pages/exemplars/index' })}
      />
    </View>
  )
}
