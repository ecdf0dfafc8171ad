import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CadrePeriod } from '@/types/cadre-periods'
import { beijingDate } from '@/types/rules/beijing-time'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { newSubmissionId } from '@/src/services/outbox'
import { toCloudError } from '@/src/services/reply'
import { PeriodsView, draftProblem, type PeriodDraft, type PeriodsMode } from './PeriodsView'

const param = (v: string | undefined) => (v ? decodeURIComponent(v) : undefined)

/**
 * 请假和蹲点. No params: the cadre's own spans (`visit.periods`) and a form (`visit.recordPeriod`). ?cadreId=&name=:
 * a manager records for one of their cadres (in force at once) and may end a leave early. ?queue=1: a manager's
 * approvals (`visit.pendingPeriods`, `visit.reviewPeriod`).
 */
export default function PeriodsPage() {
  const { params } = useRouter()
  const cadreId = param(params.cadreId)
  const mode: PeriodsMode = params.queue ? 'queue' : cadreId ? 'cadre' : 'own'
  const today = beijingDate(new Date())
  const list = usePagedPage(
    (cursor) =>
      mode === 'queue'
        ? callCloud('visit', 'pendingPeriods', { limit: 20, ...(cursor ? { cursor } : {}) })
        : callCloud('visit', 'periods', { limit: 20, ...(cadreId ? { cadreId } : {}), ...(cursor ? { cursor } : {}) }),
    [mode, cadreId]
  )
  const [draft, setDraft] = useState<PeriodDraft | null>(null)
  // One id per draft: a retried or double-tapped 登记 lands once.
  const [submissionId, setSubmissionId] = useState(newSubmissionId)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<{ id: string; note: string } | null>(null)

  const replace = (x: CadrePeriod) =>
    list.setItems((items) => (mode === 'queue' ? items.filter((i) => i.id !== x.id) : items.map((i) => (i.id === x.id ? x : i))))
  const act = async (x: CadrePeriod, run: () => Promise<CadrePeriod>, done: string) => {
    setBusyId(x.id)
    try {
      replace(await run())
      setRejecting(null)
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: toCloudError(err).message, icon: 'none' })
    } finally {
      setBusyId(null)
    }
  }
  const save = async () => {
    if (!draft) return
    const problem = draftProblem(draft, today)
    if (problem || !draft.kind) return setSaveError(problem)
    setSaving(true)
    setSaveError(null)
    try {
      await callCloud('visit', 'recordPeriod', {
        submissionId,
        kind: draft.kind,
        from: draft.from,
        to: draft.to,
        place: draft.kind === 'stay' ? draft.place.trim() : '',
        note: draft.note.trim(),
        ...(cadreId ? { cadreId } : {})
      })
      setDraft(null)
      setSubmissionId(newSubmissionId())
      void Taro.showToast({ title: '已登记', icon: 'success' })
      void list.reload()
    } catch (err) {
      setSaveError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <PeriodsView
        mode={mode}
        cadreName={param(params.name)}
        today={today}
        {...list.view}
        draft={draft}
        onDraft={(d) => {
          setDraft(d)
          setSaveError(null)
        }}
        saving={saving}
        saveError={saveError}
        onSave={() => void save()}
        busyId={busyId}
        onCancel={(x) => void act(x, () => callCloud('visit', 'cancelPeriod', { periodId: x.id }), '已撤销')}
        onReview={(x, decision) =>
          void act(
            x,
            () => callCloud('visit', 'reviewPeriod', { periodId: x.id, decision, note: decision === 'reject' ? (rejecting?.note ?? '') : '' }),
            decision === 'approve' ? '已通过' : '已退回'
          )
        }
        rejecting={rejecting}
        onRejecting={setRejecting}
      />
    </View>
  )
}
