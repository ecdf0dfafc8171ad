import { Text, View } from '@tarojs/components'
import type { CadreRef, LiaisonOverview } from '@/types/points'
import { BigButton } from '@/src/components/BigButton'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import { LiangLianStatus, PointRow } from '@/src/components/LiangLian'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

export interface CadresViewProps {
  list: PagedState<CadreRef>
  onRetry: () => void
  onMore: () => void
  onOpen: (cadreId: string) => void
}

/** 干部和联系点: the cadres of the manager's subtree; each row opens that cadre's 两联. */
export function CadresView(p: CadresViewProps) {
  const { list } = p
  const state = listState(list, p.onRetry, <EmptyView title='还没有干部' hint='本单位及下级单位的干部登记后会出现在这里。' />)
  if (state) return state
  return (
    <View data-testid='cadres'>
      <RefreshError list={list} />
      <Text className='jdq-hint'>点干部的名字，查看和分配 TA 的联系点。</Text>
      <Card>
        {list.items.map((c) => (
          <View key={c.id} className='jdq-row cadres-row' data-testid='cadre' onClick={() => p.onOpen(c.id)}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{c.name}</Text>
              <Text className='cadres-row__go'>查看两联 ›</Text>
            </View>
            {c.title ? <Text className='jdq-row__line'>{c.title}</Text> : null}
          </View>
        ))}
      </Card>
      <ListFooter list={list} onMore={p.onMore} />
    </View>
  )
}

export interface CadreLiangLianViewProps {
  overview: Pick<CloudState<LiaisonOverview>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onAddPoint: () => void
  onEditPoint: (pointId: string) => void
  /** That cadre's 办实事 ledger (群众诉求台账), read-only with 督办. */
  onOpenLedger?: () => void
  /** That cadre's 请假/培训/抽调 and 蹲点: record one for them, end a leave early. */
  onOpenPeriods?: () => void
}

/** One cadre's 两联 as the manager sees it: the points (add, edit, reassign) and the cadre's own contacts. */
export function CadreLiangLianView(p: CadreLiangLianViewProps) {
  if (!p.overview.data) {
    if (p.overview.error) return <ErrorView error={p.overview.error} onRetry={p.onRetry} retrying={p.overview.loading} />
    return <LoadingView />
  }
  const o = p.overview.data
  return (
    <View data-testid='cadre-lianglian'>
      <Card testId='cadre-head'>
        <Text className='cadres-name'>{o.cadre.name}</Text>
        {o.cadre.title ? <Text className='jdq-text'>{o.cadre.title}</Text> : null}
        {p.onOpenLedger ? (
          <View className='jdq-link' onClick={p.onOpenLedger} data-testid='open-ledger'>
            <Text>查看 TA 的诉求台账（办实事）›</Text>
          </View>
        ) : null}
        {p.onOpenPeriods ? (
          <View className='jdq-link' onClick={p.onOpenPeriods} data-testid='open-periods'>
            <Text>为 TA 登记请假、培训、抽调 ›</Text>
          </View>
        ) : null}
      </Card>
      <LiangLianStatus pointCount={o.points.length} contactCount={o.contacts.length} viewer='manager' inset testId='complete' />
      <Card title='联系点' testId='cadre-points'>
        {o.points.length === 0 ? (
          <Text className='jdq-text' data-testid='no-points'>
            还没有联系点。请点下面的按钮新增。
          </Text>
        ) : (
          o.points.map((pt) => (
            <PointRow key={pt.id} point={pt} testId='cadre-point'>
              <View className='jdq-link' onClick={() => p.onEditPoint(pt.id)} data-testid={`edit-point-${pt.id}`}>
                <Text>修改或改派 ›</Text>
              </View>
            </PointRow>
          ))
        )}
      </Card>
      <View className='jdq-actions'>
        <BigButton onClick={p.onAddPoint} testId='add-point'>
          ＋ 新增联系点
        </BigButton>
      </View>
      <Card title='联系人（干部自己登记）' testId='cadre-contacts'>
        {o.contacts.length === 0 ? <Text className='jdq-text'>还没有联系人。请提醒 TA 在“两联”里登记。</Text> : null}
        {o.contacts.map((c) => (
          <View key={c.id} className='jdq-row' data-testid='cadre-contact'>
            <Text className='jdq-row__title'>{c.name}</Text>
            <Text className='jdq-row__line'>
              {c.relation} · {c.phone}
            </Text>
          </View>
        ))}
      </Card>
    </View>
  )
}
