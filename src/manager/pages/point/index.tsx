import { useEffect, useRef, useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CadreRef } from '@/types/points'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged, type Page } from '@/src/hooks/usePaged'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { checkPoint, draftOf, newPointDraft, PointView, type PointDraft } from './PointView'

const mapPicker = process.env.TARO_ENV === 'weapp'

/**
 * One liaison point. ?cadreId= : new point for that cadre (`points.createPoint`); ?pointId=&cadreId= : edit
 * or reassign (`points.updatePoint`). On open: `points.overview {cadreId}` (the cadre's name and the point);
 * `points.listCadres` only once 改派给其他干部 is opened. Saved: back to the cadre's 两联.
 */
export default function PointPage() {
  const { params } = useRouter()
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : ''
  const pointId = params.pointId ? decodeURIComponent(params.pointId) : null

  const source = useCloud(() => callCloud('points', 'overview', cadreId ? { cadreId } : {}), [cadreId])
  const [draft, setDraft] = useState<PointDraft | null>(null)
  const [pickedPlace, setPickedPlace] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [reassignOpen, setReassignOpen] = useState(false)
  // Until 改派 is opened the loader waits (no request); opening it loads the first page.
  const cadres = usePaged<CadreRef>(
    (cursor) => (reassignOpen ? callCloud('points', 'listCadres', { limit: 20, ...(cursor ? { cursor } : {}) }) : new Promise<Page<CadreRef>>(() => {})),
    [reassignOpen]
  )
  useReachBottom(() => {
    if (reassignOpen) void cadres.loadMore()
  })

  // Fill the form once, from the loaded point (edit) or empty (new); a later reload keeps what was typed.
  const filled = useRef(false)
  const original = pointId ? source.data?.points.find((pt) => pt.id === pointId) : undefined
  useEffect(() => {
    if (filled.current || !source.data) return
    if (pointId && !original) return
    filled.current = true
    setDraft(original ? draftOf(original) : newPointDraft(source.data.cadre.id))
  }, [source.data, original, pointId])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: pointId ? '修改联系点' : '新增联系点' })
  }, [pointId])

  const edit = (d: PointDraft) => {
    setDraft(d)
    setFormError(null)
  }

  const pickLocation = async () => {
    if (!draft) return
    const lat = Number(draft.lat)
    const lng = Number(draft.lng)
    const centre = draft.lat.trim() && draft.lng.trim() && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {}
    try {
      // GCJ-02, the datum of WeChat maps and of the liaison points.
      const res = await Taro.chooseLocation(centre)
      setDraft((d) =>
        d
          ? {
              ...d,
              lat: String(res.latitude),
              lng: String(res.longitude),
              name: d.name.trim() ? d.name : (res.name ?? '').slice(0, 50),
              address: d.address.trim() ? d.address : (res.address ?? '').slice(0, 100)
            }
          : d
      )
      setPickedPlace(res.name || res.address || null)
      setFormError(null)
    } catch (err) {
      const errMsg = (err as { errMsg?: string } | undefined)?.errMsg ?? ''
      if (/cancel/i.test(errMsg)) return
      setFormError(
        /auth|deny|denied|permission|privacy/i.test(errMsg)
          ? '没有得到位置权限，打不开地图。请在右上角“…”→“设置”里打开“位置信息”后再试。'
          : '没能打开地图选点，请稍后再试'
      )
    }
  }

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `/manager/pages/cadres/index?cadreId=${encodeURIComponent(cadreId)}` })
  }

  const save = async () => {
    if (!draft || saving || !source.data) return
    const checked = checkPoint(draft, mapPicker)
    if (!checked.ok) {
      setFormError(checked.message)
      return
    }
    setSaving(true)
    setFormError(null)
    try {
      if (pointId) {
        const reassigned = original !== undefined && draft.cadreId !== original.cadreId
        await callCloud('points', 'updatePoint', { pointId, ...checked.fields, ...(reassigned ? { cadreId: draft.cadreId } : {}) })
        void Taro.showToast({ title: reassigned ? '已改派' : '已保存', icon: 'success' })
      } else {
        await callCloud('points', 'createPoint', { cadreId: source.data.cadre.id, ...checked.fields })
        void Taro.showToast({ title: '已新增', icon: 'success' })
      }
      back()
    } catch (err) {
      setFormError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <PointView
        pointId={pointId}
        source={source}
        onRetry={() => void source.reload()}
        draft={draft}
        onDraft={edit}
        mapPicker={mapPicker}
        onPickLocation={() => void pickLocation()}
        pickedPlace={pickedPlace}
        formError={formError}
        saving={saving}
        onSave={() => void save()}
        reassign={
          pointId
            ? {
                open: reassignOpen,
                onOpen: () => setReassignOpen(true),
                list: cadres,
                onRetry: () => void cadres.reload(),
                onMore: () => void cadres.loadMore()
              }
            : undefined
        }
      />
    </View>
  )
}
