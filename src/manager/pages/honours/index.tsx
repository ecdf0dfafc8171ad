import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { periodOf, previousMonth, type HonourKind, type HonourList } from '@/types/outcomes'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { HonoursView, type MonthChoice, type Removing } from './HonoursView'
import './index.scss'

/**
 * 表彰和通报: `rankings.getList` (drafted on first open), `editEntry` (拿掉 with a reason / 放回), `publish`.
 * ?orgId= a unit of the manager's subtree (from the ranking); default their own.
 */
export default function HonoursPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : undefined
  const [kind, setKind] = useState<HonourKind>(params.kind === 'notices' ? 'notices' : 'honours')
  const [month, setMonth] = useState<MonthChoice>('this')
  const [refresh, setRefresh] = useState(0)
  const [override, setOverride] = useState<HonourList | null>(null)
  const monthId = month === 'this' ? periodOf('month', new Date()) : previousMonth(periodOf('month', new Date()))
  const state = useCloud(() => {
    setOverride(null)
    return callCloud('rankings', 'getList', { kind, month: monthId, refresh: refresh > 0, ...(orgId ? { orgId } : {}) })
  }, [kind, monthId, refresh, orgId])
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Removing | null>(null)
  usePullDownRefresh(() => {
    void state.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const list = override ?? state.data
  const act = async (fn: () => Promise<HonourList>) => {
    setBusy(true)
    setActionError(null)
    try {
      setOverride(await fn())
      setRemoving(null)
    } catch (err) {
      setActionError(toCloudError(err).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='jdq-page'>
      <HonoursView
        kind={kind}
        onKind={(k) => {
          setRemoving(null)
          setKind(k)
        }}
        month={month}
        onMonth={setMonth}
        state={{ ...state, data: list }}
        onRetry={() => void state.reload()}
        onRefresh={() => setRefresh((n) => n + 1)}
        busy={busy}
        actionError={actionError}
        removing={removing}
        onStartRemove={(cadreId) => setRemoving(cadreId ? { cadreId, reason: '', error: null } : null)}
        onReason={(reason) => setRemoving((r) => (r ? { ...r, reason } : r))}
        onConfirmRemove={() => {
          if (!removing || !list) return
          if (removing.reason.trim().length < 2) return setRemoving({ ...removing, error: '请写明理由（至少 2 个字）' })
          void act(() => callCloud('rankings', 'editEntry', { listId: list.id, cadreId: removing.cadreId, remove: true, reason: removing.reason.trim() }))
        }}
        onRestore={(cadreId) => list && void act(() => callCloud('rankings', 'editEntry', { listId: list.id, cadreId, remove: false }))}
        onPublish={() => {
          if (!list) return
          void Taro.showModal({ title: '发布名单', content: '发布后本单位及下级的干部都能看到，不能再修改。确定发布吗？' }).then((r) => {
            if (r.confirm) void act(() => callCloud('rankings', 'publish', { listId: list.id }))
          })
        }}
      />
    </View>
  )
}
