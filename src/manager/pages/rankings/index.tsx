import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { OrgLevel } from '@/types/enums'
import type { PeriodKind } from '@/types/outcomes'
import { ScoreView } from '@/src/components/ScoreView'
import { ErrorView, LoadingView } from '@/src/components/StateViews'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { loadMe } from '@/src/services/me'
import { RankingsView, type RankRow, type RankView } from './RankingsView'
import './index.scss'

const param = (v: string | undefined) => (v ? decodeURIComponent(v) : undefined)

/**
 * 成效排行. No params: the manager's own node. ?orgId=&level=&name= a unit of their subtree (drill-down);
 * ?cadreId=&name= one cadre's score and breakdown (`rankings.mine` with cadreId). Pages: `rankings.list`.
 */
export default function RankingsPage() {
  const { params } = useRouter()
  const cadreId = param(params.cadreId)
  const [kind, setKind] = useState<PeriodKind>(params.kind === 'quarter' || params.kind === 'year' ? params.kind : 'month')
  return <View className='jdq-page'>{cadreId ? <Cadre cadreId={cadreId} kind={kind} onKind={setKind} /> : <Node kind={kind} onKind={setKind} />}</View>
}

function Node({ kind, onKind }: { kind: PeriodKind; onKind: (k: PeriodKind) => void }) {
  const { params } = useRouter()
  const orgId = param(params.orgId)
  const level = param(params.level) as OrgLevel | undefined
  const name = param(params.name) ?? null
  const me = useCloud(() => (orgId ? Promise.resolve(null) : loadMe()), [orgId])
  const nodeLevel = level ?? me.data?.org?.level ?? (me.data?.role === 'admin' ? 'province' : undefined)
  const canShowUnits = nodeLevel !== undefined && nodeLevel !== 'county'
  const [chosen, setView] = useState<RankView | null>(params.view === 'units' || params.view === 'individuals' ? params.view : null)
  const view: RankView = chosen ?? (canShowUnits ? 'units' : 'individuals')
  const ready = !!orgId || me.data !== undefined || !!me.error
  const [meta, setMeta] = useState<{ computedAt: string | null; satisfactionRule: string | null } | null>(null)
  const list = usePaged<RankRow>(
    async (cursor) => {
      if (!ready) return { items: [], nextCursor: null }
      const page = await callCloud('rankings', 'list', { kind, view, limit: 20, ...(orgId ? { orgId } : {}), ...(cursor ? { cursor } : {}) })
      if (!cursor) setMeta({ computedAt: page.computedAt, satisfactionRule: page.satisfactionRule })
      const items: RankRow[] =
        view === 'units' ? page.units.map((u) => ({ type: 'unit' as const, ...u })) : page.individuals.map((c) => ({ type: 'cadre' as const, ...c }))
      return { items, nextCursor: page.nextCursor }
    },
    [kind, view, orgId, ready]
  )
  usePageRefresh(
    () => list.reload(),
    () => list.loadMore()
  )
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} · 成效排行` })
  }, [name])
  if (!ready) return <LoadingView />
  if (!orgId && me.error) return <ErrorView error={me.error} onRetry={() => void me.reload()} retrying={me.loading} />
  return (
    <RankingsView
      title={name ?? me.data?.org?.name ?? null}
      kind={kind}
      onKind={onKind}
      view={view}
      onView={setView}
      canShowUnits={canShowUnits}
      list={list}
      onRetry={() => void list.reload()}
      onMore={() => void list.loadMore()}
      onOpenUnit={(u) =>
        void Taro.navigateTo({
          url: `/manager/pages/rankings/index?orgId=${encodeURIComponent(u.orgId)}&level=${u.level}&name=${encodeURIComponent(u.orgName)}&kind=${kind}&view=${u.hasChildren ? 'units' : 'individuals'}`
        })
      }
      onOpenCadre={(c) =>
        void Taro.navigateTo({
          url: `/manager/pages/rankings/index?cadreId=${encodeURIComponent(c.cadreId)}&name=${encodeURIComponent(c.cadreName)}&kind=${kind}`
        })
      }
      meta={meta}
      onOpenHonours={() => void Taro.navigateTo({ url: `/manager/pages/honours/index${orgId ? `?orgId=${encodeURIComponent(orgId)}` : ''}` })}
    />
  )
}

function Cadre({ cadreId, kind, onKind }: { cadreId: string; kind: PeriodKind; onKind: (k: PeriodKind) => void }) {
  const { params } = useRouter()
  const state = useCloud(() => callCloud('rankings', 'mine', { kind, cadreId }), [kind, cadreId])
  usePullDownRefresh(() => {
    void state.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const name = param(params.name)
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} · 成效` })
  }, [name])
  return <ScoreView state={state} kind={kind} onKind={onKind} onRetry={() => void state.reload()} own={false} />
}
