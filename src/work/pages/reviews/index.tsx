import { useEffect, useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { InboxItem } from '@/types/reviews'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { isManager, loadMe } from '@/src/services/me'
import { newSubmissionId } from '@/src/services/outbox'
import { openReport } from '@/src/services/upload'
import { ReviewsView, type OpenItem, type ReviewsTab } from './ReviewsView'

/**
 * 批阅. Managers: `reviews.inbox` of diaries or reports; an item opens with `diary.get` (a diary's text) and
 * `reviews.list`; 已阅 / 批示 / 采纳: `reviews.mark`. Cadres (and ?tab=received): `reviews.received`.
 */
export default function ReviewsPage() {
  const { params } = useRouter()
  const me = useCloud(loadMe)
  const manager = Boolean(me.data && isManager(me.data.role))
  const tabs = useMemo<ReviewsTab[]>(() => (manager ? ['diary', 'report'] : ['received']), [manager])
  const [tab, setTab] = useState<ReviewsTab>(params.tab === 'received' ? 'received' : 'diary')
  useEffect(() => {
    if (me.data && !tabs.includes(tab)) setTab(tabs[0])
  }, [me.data, tab, tabs])
  const ready = Boolean(me.data) && tabs.includes(tab)
  const inbox = usePaged(
    (cursor) =>
      ready && tab !== 'received'
        ? callCloud('reviews', 'inbox', { targetKind: tab, limit: 20, ...(cursor ? { cursor } : {}) })
        : Promise.resolve({ items: [], nextCursor: null }),
    [tab, ready]
  )
  const received = usePaged(
    (cursor) =>
      ready && tab === 'received'
        ? callCloud('reviews', 'received', { limit: 20, ...(cursor ? { cursor } : {}) })
        : Promise.resolve({ items: [], nextCursor: null }),
    [tab, ready]
  )
  const list = tab === 'received' ? received : inbox
  usePageRefresh(list.reload, list.loadMore)
  const [open, setOpen] = useState<OpenItem | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const openItem = async (item: InboxItem | null) => {
    setError(null)
    if (!item) {
      setOpen(null)
      void inbox.reload()
      return
    }
    setOpen({ item, text: null, reviews: null, writing: null })
    try {
      const [text, reviews] = await Promise.all([
        item.targetKind === 'diary' ? callCloud('diary', 'get', { entryId: item.id }).then((e) => e.text) : Promise.resolve(null),
        callCloud('reviews', 'list', { targetKind: item.targetKind, targetId: item.id })
      ])
      setOpen((o) => (o && o.item.id === item.id ? { ...o, text, reviews: reviews.items } : o))
    } catch (err) {
      setError(toCloudError(err).message)
    }
  }

  const mark = async (kind: 'read' | 'comment' | 'adopt', comment?: string, suggestion?: string) => {
    if (!open) return
    setBusy(true)
    setError(null)
    try {
      const r = await callCloud('reviews', 'mark', {
        targetKind: open.item.targetKind,
        targetId: open.item.id,
        kind,
        reviewId: newSubmissionId(),
        ...(comment ? { comment } : {}),
        ...(suggestion ? { suggestion } : {})
      })
      const reviews = await callCloud('reviews', 'list', { targetKind: open.item.targetKind, targetId: open.item.id })
      setOpen((o) =>
        o ? { ...o, item: { ...o.item, readByMe: o.item.readByMe || kind === 'read', reviews: r.summary }, reviews: reviews.items, writing: null } : o
      )
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='jdq-page'>
      <ReviewsView
        tabs={tabs}
        tab={tab}
        onTab={(t) => {
          setOpen(null)
          setTab(t)
        }}
        inbox={inbox}
        received={received}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        open={open}
        onOpen={(i) => void openItem(i)}
        onOpenFile={(i) =>
          void callCloud('diary', 'reportUrl', { reportId: i.id }).then(
            (link) => openReport(link.url, link.name),
            (err: unknown) => setError(toCloudError(err).message)
          )
        }
        onRead={() => void mark('read')}
        onWrite={(w) => setOpen((o) => (o ? { ...o, writing: w } : o))}
        onSend={() => {
          const w = open?.writing
          if (!w) return
          if (w.kind === 'comment' && !w.comment.trim()) return setError('请写批示内容')
          if (w.kind === 'adopt' && !w.suggestion.trim()) return setError('请写明采纳了哪条建议')
          void mark(w.kind, w.comment.trim() || undefined, w.suggestion.trim() || undefined)
        }}
        busy={busy}
        error={error}
      />
    </View>
  )
}
