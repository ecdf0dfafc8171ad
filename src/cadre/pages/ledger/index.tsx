import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { DemandFilter } from '@/types/demands'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { clearDraft, loadDraft, useDraftSaver } from '@/src/services/drafts'
import { labelOf, newSubmissionId, outbox } from '@/src/services/outbox'
import { LedgerView, type NewDemandForm } from './LedgerView'

/** The form with the id the phone made for this problem: a retry or an offline resend lands once. */
type Draft = NewDemandForm & { submissionId: string }
const DRAFT = 'demand:new'
const emptyForm = (): Draft => ({ open: false, area: null, urgency: 'general', text: '', submissionId: newSubmissionId() })

/**
 * 群众诉求台账. On open and on a filter change: `demands.list`; more on reaching the bottom.
 * The cadre's own; or, with `?cadreId=&name=`, one cadre's as their manager sees it (from 干部和联系点):
 * `demands.list {cadreId}`, read-only; a row opens the demand, where the manager can 督办.
 */
export default function LedgerPage() {
  const { params } = useRouter()
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : undefined
  const cadreName = cadreId ? decodeURIComponent(params.name ?? '') : undefined
  const [filter, setFilter] = useState<DemandFilter>('active')
  const list = usePagedPage(
    (cursor) => callCloud('demands', 'list', { filter, limit: 20, ...(cadreId ? { cadreId } : {}), ...(cursor ? { cursor } : {}) }),
    [filter, cadreId]
  )
  const [form, setForm] = useState<Draft>(() => (cadreId ? null : loadDraft<Draft>(DRAFT)) ?? emptyForm())
  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string | null>(null)
  const [queued, setQueued] = useState(false)
  useDraftSaver(DRAFT, form, !cadreId && form.open)

  useEffect(() => {
    if (cadreName) void Taro.setNavigationBarTitle({ title: `${cadreName}的诉求台账` })
  }, [cadreName])

  const create = async () => {
    if (!form.area) return setCreateError('请选择类别')
    if (!form.text.trim()) return setCreateError('请填写问题描述')
    setCreating(true)
    setCreateError(null)
    setQueued(false)
    const body = { submissionId: form.submissionId, area: form.area, urgency: form.urgency, text: form.text.trim() }
    try {
      try {
        await callCloud('demands', 'create', body)
      } catch (err) {
        if (toCloudError(err).code !== 'UNAVAILABLE') throw err
        // No signal: kept on the phone with its id, sent when the network is back.
        outbox().add({ kind: 'demand', key: body.submissionId, body, label: labelOf(body.text) })
        setQueued(true)
      }
      clearDraft(DRAFT)
      setForm(emptyForm())
      void list.reload()
    } catch (err) {
      setCreateError(toCloudError(err).message)
    } finally {
      setCreating(false)
    }
  }

  return (
    <View className='jdq-page'>
      <LedgerView
        {...list.view}
        filter={filter}
        onFilter={setFilter}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
        cadreName={cadreName}
        create={
          cadreId ? undefined : { form, onForm: (u) => setForm((f) => ({ ...f, ...u(f) })), onCreate: () => void create(), creating, createError, queued }
        }
      />
    </View>
  )
}
