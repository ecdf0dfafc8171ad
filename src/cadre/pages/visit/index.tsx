import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { clearDraft, loadDraft, useDraftSaver } from '@/src/services/drafts'
import { loadHouseholdsCached } from '@/src/services/offline-cache'
import { outbox, pendingCheckIn, type OutboxState } from '@/src/services/outbox'
import { formFromDetail, formFromInput, isEditable, toRecordInput, type RecordErrors, type RecordForm, type RecordInput } from './record-form'
import { loadVisit, waitingRecord } from './offline'
import { VisitView, type HouseholdPick } from './VisitView'

/**
 * One visit and its record. On open: `visit.get` (the problems raised with their ledger state; each opens
 * its demand), kept on the phone for offline use. A check-in still waiting on the phone opens as itself (its
 * record can be written at once). The 五必访 list (`households.list`, kept too) when the cadre opens the
 * picker. What is typed is kept as a draft; save: `visit.saveRecord`, or, without signal (or while the check-in
 * still waits), into the outbox, sent after its check-in.
 */
export default function VisitPage() {
  const { params } = useRouter()
  const visitId = decodeURIComponent(params.id ?? '')
  const draftKey = `visit:${visitId}`
  const box = outbox()
  const [queue, setQueue] = useState<OutboxState>(() => box.state())
  const checkInWaiting = Boolean(pendingCheckIn(queue, visitId))
  const visit = useCloud(() => loadVisit(visitId), [visitId, checkInWaiting])
  const [form, setForm] = useState<RecordForm | null>(null)
  const [dirty, setDirty] = useState(false)
  const [households, setHouseholds] = useState<HouseholdPick>({ loading: false, error: null, items: null })
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [errors, setErrors] = useState<RecordErrors>({})
  const [saved, setSaved] = useState(false)
  const recordQueued = Boolean(waitingRecord(queue, visitId))

  useEffect(() => box.subscribe(setQueue), [box])
  useDraftSaver(draftKey, form, dirty && form !== null)

  const loadHouseholds = async () => {
    setHouseholds({ loading: true, error: null, items: null })
    try {
      setHouseholds({ loading: false, error: null, items: await loadHouseholdsCached() })
    } catch (err) {
      setHouseholds({ loading: false, error: toCloudError(err).message, items: null })
    }
  }

  useEffect(() => {
    const v = visit.data
    if (!v) return
    if (!isEditable(v.detail)) return setForm(null)
    // What the cadre typed last wins: the draft, else the record waiting to be sent, else the saved one.
    const draft = loadDraft<RecordForm>(draftKey)
    const waiting = waitingRecord(box.state(), visitId)
    setForm(draft ?? (waiting ? formFromInput(waiting.body) : formFromDetail(v.detail)))
    setDirty(Boolean(draft))
    const named = draft?.householdIds.length ?? v.detail.record?.householdIds.length ?? 0
    if (named > 0 && households.items === null && !households.loading) void loadHouseholds()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visit.data])

  const keepOnPhone = (input: RecordInput, label: string) => {
    const check = pendingCheckIn(box.state(), visitId)
    box.add({ kind: 'visitRecord', key: `record:${visitId}`, body: input, label, ...(check ? { after: check.key } : {}) })
    clearDraft(draftKey)
    setDirty(false)
    void box.flush()
  }

  const save = async () => {
    if (!form || !visit.data) return
    const checked = toRecordInput(visitId, form)
    setSaved(false)
    if (!checked.ok) {
      setErrors(checked.errors)
      setSaveError(checked.message)
      return
    }
    setErrors({})
    setSaving(true)
    setSaveError(null)
    const label = visit.data.detail.pointName
    try {
      if (pendingCheckIn(box.state(), visitId)) {
        keepOnPhone(checked.input, label)
        return
      }
      try {
        await callCloud('visit', 'saveRecord', checked.input)
      } catch (err) {
        if (toCloudError(err).code !== 'UNAVAILABLE') throw err
        keepOnPhone(checked.input, label)
        return
      }
      clearDraft(draftKey)
      setDirty(false)
      setSaved(true)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      // The problems just saved are ledger entries now: show them with their state.
      void visit.reload()
    } catch (err) {
      setSaveError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <VisitView
        visit={{ loading: visit.loading, error: visit.error, data: visit.data?.detail }}
        onRetry={() => void visit.reload()}
        queued={visit.data?.queued}
        recordQueued={recordQueued}
        form={form}
        onForm={(update) => {
          setSaved(false)
          setDirty(true)
          setForm((f) => (f ? update(f) : f))
        }}
        households={households}
        onLoadHouseholds={() => void loadHouseholds()}
        saving={saving}
        saveError={saveError}
        errors={errors}
        saved={saved}
        onSave={() => void save()}
        onShowQr={() => void Taro.navigateTo({ url: `/cadre/pages/qr/index?kind=visit&id=${encodeURIComponent(visitId)}` })}
        onOpenDemand={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
