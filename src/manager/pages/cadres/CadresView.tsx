import { Text, View } from '@tarojs/components'
import type { CadreRef, LiaisonOverview } from '../../../../types/cadre-work'
import { fourInto } from '../../../../types/enums'
import { BigButton } from '../../../components/BigButton'
import { ListFooter } from '../../../components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '../../../components/StateViews'
import type { CloudState } from '../../../hooks/useCloud'
import type { PagedState } from '../../../hooks/usePaged'
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
  if (!list.loaded) {
    if (list.error) return <ErrorView message={list.error.message} onRetry={p.onRetry} retrying={list.loading} />
    return <LoadingView />
  }
  if (list.items.length === 0) return <EmptyView title='还没有干部' hint='本单位及下级单位的干部登记后会出现在这里。' />
  return (
    <View data-testid='cadres'>
      {list.error ? (
        <View className='jdq-banner jdq-banner--warn'>
          <Text>刷新没有成功：{list.error.message}</Text>
        </View>
      ) : null}
      <Text className='cadres-hint'>点干部的名字，查看和分配 TA 的联系点。</Text>
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
}

/** One cadre's 两联 as the manager sees it: the points (add, edit, reassign) and the cadre's own contacts. */
export function CadreLiangLianView(p: CadreLiangLianViewProps) {
  if (!p.overview.data) {
    if (p.overview.error) return <ErrorView message={p.overview.error.message} onRetry={p.onRetry} retrying={p.overview.loading} />
    return <LoadingView />
  }
  const o = p.overview.data
  return (
    <View data-testid='cadre-lianglian'>
      <Card testId='cadre-head'>
        <Text className='cadres-name'>{o.cadre.name}</Text>
        {o.cadre.title ? <Text className='jdq-text'>{o.cadre.title}</Text> : null}
      </Card>
      <View className={`jdq-banner ${o.complete ? 'jdq-banner--ok' : 'jdq-banner--warn'}`} data-testid='complete'>
        <Text>
          {o.complete
            ? '✓ 两联已落实：有联系点，也有联系人'
            : o.points.length === 0
              ? '两联还没落实：还没有联系点，请给 TA 分配一个'
              : '两联还没落实：TA 还没有登记联系人'}
        </Text>
      </View>
      <Card title='联系点' testId='cadre-points'>
        {o.points.length === 0 ? (
          <Text className='jdq-text' data-testid='no-points'>
            还没有联系点。请点下面的按钮新增。
          </Text>
        ) : (
          o.points.map((pt) => (
            <View key={pt.id} className='jdq-row' data-testid='cadre-point'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{pt.name}</Text>
                <Text className='jdq-tag jdq-tag--plain'>{fourInto.labels[pt.kind]}</Text>
              </View>
              <Text className='jdq-row__line'>地址：{pt.address}</Text>
              <Text className='jdq-row__line'>打卡范围：{pt.radiusM} 米以内</Text>
              <View className='jdq-link' onClick={() => p.onEditPoint(pt.id)} data-testid={`edit-point-${pt.id}`}>
                <Text>修改或改派 ›</Text>
              </View>
            </View>
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
