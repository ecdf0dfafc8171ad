import { useCallback, useEffect, useReducer, useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CheckInInput } from '@/types/visits'
import { callCloud } from '../../services/cloud'
import { toCloudError } from '../../services/reply'
import { loadMe } from '../../services/me'
import { newSubmissionId, outbox } from '../../services/outbox'
import { offlineHours } from '../../services/offline-cache'
import { getFix, LocateError, locateMessages, openLocationSetting, type PositionFix } from '../../services/location'
import { checkInReducer, initialCheckIn } from './flow'
import { CheckInView } from './CheckInView'
import { templateId, templatesToAsk } from '@/types/subscribe-templates'
import { askForReminders } from '../../services/subscribe'

/** A fix older than this is taken again before submitting (the server accepts 2 minutes online). */
const FRESH_MS = 90 * 1000

/**
 * 走访打卡. On open: `user.me` (the cadre's liaison points with coordinates and radius) and a fresh fix, in
 * parallel. On submit: `visit.checkIn`; a network failure keeps the same body in the offline queue.
 */
export default function CheckInPage() {
  const [state, dispatch] = useReducer(checkInReducer, initialCheckIn)
  const stateRef = useRef(state)
  stateRef.current = state

  const cadreId = useRef<string | null>(null)

  const loadPoints = useCallback(async () => {
    try {
      // Kept on the phone when last opened with signal: the points are there without it.
      const me = await loadMe()
      cadreId.current = me.id ?? null
      dispatch({ type: 'pointsLoaded', points: me.liaisonPoints })
    } catch (err) {
      dispatch({ type: 'pointsFailed', message: toCloudError(err).message })
    }
  }, [])

  const locate = useCallback(async (): Promise<PositionFix | null> => {
    dispatch({ type: 'locating' })
    try {
      const fix = await getFix()
      dispatch({ type: 'located', fix })
      return fix
    } catch (err) {
      const e = err instanceof LocateError ? err : new LocateError('unavailable', locateMessages.unavailable)
      dispatch({ type: 'locateFailed', reason: e.kind, message: e.message })
      return null
    }
  }, [])

  useEffect(() => {
    void loadPoints()
    void locate()
  }, [loadPoints, locate])

  useDidShow(() => {
    void outbox().flush()
  })

  const submit = async () => {
    const s = stateRef.current
    if (!s.selectedId || !s.fix) return
    let fix = s.fix
    if (s.relocateHint || Date.now() - new Date(fix.capturedAt).getTime() > FRESH_MS) {
      const fresh = await locate()
      if (!fresh) return
      fix = fresh
    }
    const point = s.distances.find((d) => d.point.id === s.selectedId)
    dispatch({ type: 'submit' })
    const body: CheckInInput = {
      submissionId: newSubmissionId(),
      pointId: s.selectedId,
      fix: { lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy, capturedAt: fix.capturedAt },
      deviceNow: new Date().toISOString(),
      offline: false,
      ...(s.needReason && s.reason.trim() ? { reason: s.reason.trim() } : {}),
      ...(s.note.trim() ? { note: s.note.trim() } : {})
    }
    try {
      // Not retried here: a network failure goes to the queue, which resends the same submissionId.
      const result = await callCloud('visit', 'checkIn', body, { retry: false })
      dispatch({ type: 'succeeded', result })
    } catch (err) {
      const e = toCloudError(err)
      if (e.code === 'UNAVAILABLE') {
        try {
          outbox().add({ kind: 'checkIn', key: body.submissionId, body, label: point?.point.name ?? '走访打卡' })
        } catch (full) {
          dispatch({ type: 'refused', code: 'BAD_REQUEST', message: toCloudError(full).message })
          return
        }
        dispatch({ type: 'queued', visitId: cadreId.current ? `${cadreId.current}_${body.submissionId}` : null, hours: offlineHours() })
      } else {
        dispatch({ type: 'refused', code: e.code, message: e.message })
      }
    }
  }

  const home = () => {
    const pages = Taro.getCurrentPages()
    if (pages.length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: '/pages/index/index' })
  }

  return (
    <View className='jdq-page'>
      <CheckInView
        state={state}
        showMap={process.env.TARO_ENV === 'weapp'}
        canOpenSetting={process.env.TARO_ENV === 'weapp'}
        onSelect={(pointId) => dispatch({ type: 'select', pointId })}
        onNote={(text) => dispatch({ type: 'note', text })}
        onReason={(text) => dispatch({ type: 'reason', text })}
        onSubmit={() => void submit()}
        onRelocate={() => void locate()}
        onOpenSetting={() => {
          void openLocationSetting().then((allowed) => {
            if (allowed) void locate()
          })
        }}
        onRetryLoad={() => {
          dispatch({ type: 'locating' })
          void loadPoints()
          if (!stateRef.current.fix) void locate()
        }}
        onHome={home}
        onWriteRecord={(visitId) => void Taro.redirectTo({ url: `/cadre/pages/visit/index?id=${encodeURIComponent(visitId)}` })}
        onSubscribe={() =>
          // Ids known without a network call, so the request runs straight from the tap, as WeChat requires.
          void askForReminders(templatesToAsk('cadre').map(templateId)).then((o) => {
            if (o) void Taro.showToast({ title: '已开启微信提醒', icon: 'success' })
          })
        }
      />
    </View>
  )
}
