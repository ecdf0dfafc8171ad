import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { PeriodKind } from '@/types/outcomes'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { CadreDashboardView, DashboardView } from './DashboardView'

/**
 * 数据看板: no params = the manager's own node; ?orgId= a unit of their subtree (drill-down); ?cadreId= one cadre.
 * Pull down to refresh; the period switch reloads.
 */
export default function DashboardPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : undefined
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : undefined
  const [kind, setKind] = useState<PeriodKind>('month')
  return (
    <View className='jdq-page'>{cadreId ? <Cadre cadreId={cadreId} kind={kind} onKind={setKind} /> : <Node orgId={orgId} kind={kind} onKind={setKind} />}</View>
  )
}

function useRefresh(reload: () => Promise<void>) {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}

function Node({ orgId, kind, onKind }: { orgId?: string; kind: PeriodKind; onKind: (k: PeriodKind) => void }) {
  const state = useCloud(() => callCloud('dashboard', 'node', { kind, ...(orgId ? { orgId } : {}) }), [kind, orgId])
  useRefresh(state.reload)
  const name = state.data?.org.name
  useEffect(() => {
    if (name && orgId) void Taro.setNavigationBarTitle({ title: `${name} · 数据看板` })
  }, [name, orgId])
  return (
    <DashboardView
      state={state}
      kind={kind}
      onKind={onKind}
      onRetry={() => void state.reload()}
      onOpenUnit={(id) => void Taro.navigateTo({ url: `/manager/pages/dashboard/index?orgId=${encodeURIComponent(id)}` })}
      onOpenCadre={(id) => void Taro.navigateTo({ url: `/manager/pages/dashboard/index?cadreId=${encodeURIComponent(id)}` })}
    />
  )
}

function Cadre({ cadreId, kind, onKind }: { cadreId: string; kind: PeriodKind; onKind: (k: PeriodKind) => void }) {
  const state = useCloud(() => callCloud('dashboard', 'cadre', { cadreId, kind }), [kind, cadreId])
  useRefresh(state.reload)
  const name = state.data?.cadre.name
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} · 数据看板` })
  }, [name])
  return <CadreDashboardView state={state} kind={kind} onKind={onKind} onRetry={() => void state.reload()} />
}
