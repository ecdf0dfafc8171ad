import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Household } from '../../../../types/cadre-work'
import { useCloud } from '../../../hooks/useCloud'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { formFromDetail, isEditable, toRecordInput, type RecordForm } from './record-form'
import { VisitView, type HouseholdPick } from './VisitView'

/**
 * One visit and its record. On open: `visit.get` (the problems raised with their ledger state; each opens
 * its demand). The 五必访 list (`households.list`) only when the cadre
 * opens the picker (or the record already names households). Save: `visit.saveRecord`.
 */
export default function VisitPage() {
  const { params } = useRouter()
  const visitId = decodeURIComponent(params.id ?? '')
  const visit = useCloud(() => callCloud('visit', 'get', { visitId }), [visitId])
  const [form, setForm] = useState<RecordForm | null>(null)
  const [households, setHouseholds] = useState<HouseholdPick>({ loading: false, error: null, items: null })
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const loadHouseholds = async () => {
    setHouseholds({ loading: true, error: null, items: null })
    try {
      const items: Household[] = []
      let cursor: string | undefined
      // A cadre's registry is small; at most 3 pages of 50 for the picker.
      for (let i = 0; i < 3; i++) {
        const page = await callCloud('households', 'list', { limit: 50, ...(cursor ? { cursor } : {}) })
        items.push(...page.items)
        if (!page.nextCursor) break
        cursor = page.nextCursor
      }
      setHouseholds({ loading: false, error: null, items })
    } catch (err) {
      setHouseholds({ loading: false, error: toCloudError(err).message, items: null })
    }
  }

  useEffect(() => {
    const v = visit.data
    if (!v) return
    setForm(isEditable(v) ? formFromDetail(v) : null)
    if (v.record && v.record.householdIds.length > 0 && households.items === null && !households.loading) void loadHouseholds()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visit.data])

  const save = async () => {
    if (!form) return
    const checked = toRecordInput(visitId, form)
    setSaved(false)
    if (!checked.ok) {
      setSaveError(checked.message)
      return
    }
    setSaving(true)
    setSaveError(null)
    try {
      await callCloud('visit', 'saveRecord', checked.input)
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
        visit={visit}
        onRetry={() => void visit.reload()}
        form={form}
        onForm={(update) => {
          setSaved(false)
          setForm((f) => (f ? update(f) : f))
        }}
        households={households}
        onLoadHouseholds={() => void loadHouseholds()}
        saving={saving}
        saveError={saveError}
        saved={saved}
        onSave={() => void save()}
        onShowQr={() => void Taro.navigateTo({ url: `/cadre/pages/qr/index?kind=visit&id=${encodeURIComponent(visitId)}` })}
        onOpenDemand={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
