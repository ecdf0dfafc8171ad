import { Text, View } from '@tarojs/components'
import type { VisitSummary } from '@/types/visits'
import { BigButton } from '@/src/components/BigButton'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { statusTag, visitTime } from '../../format'

export interface VisitsViewProps {
  list: PagedState<VisitSummary>
  onRetry: () => void
  onMore: () => void
  onOpen: (visitId: string) => void
  onCheckIn: () => void
}

/** 走访记录: my check-ins, newest first. */
export function VisitsView({ list, onRetry, onMore, onOpen, onCheckIn }: VisitsViewProps) {
  const state = listState(
    list,
    onRetry,
    <EmptyView title='还没有走访记录' hint='到联系点打卡后，每次走访都会记在这里。'>
      <View className='jdq-state__action'>
        <BigButton onClick={onCheckIn} testId='empty-checkin'>
          去打卡
        </BigButton>
      </View>
    </EmptyView>
  )
  if (state) return state
  return (
    <View data-testid='visits'>
      <RefreshError list={list} testId='refresh-error' />
      <Card>
        {list.items.map((v) => (
          <VisitRow key={v.id} visit={v} onOpen={onOpen} />
        ))}
      </Card>
      <ListFooter list={list} onMore={onMore} />
    </View>
  )
}

export function VisitRow({ visit: v, onOpen }: { visit: VisitSummary; onOpen: (id: string) => void }) {
  const tag = statusTag[v.status]
  return (
    <View className='jdq-row' data-testid='visit' onClick={() => onOpen(v.id)}>
      <View className='jdq-row__head'>
        <Text className='jdq-row__title'>{v.pointName}</Text>
        <View>
          {v.offline ? (
            <Text className='jdq-tag jdq-tag--plain' data-testid='tag-offline'>
              离线补传
            </Text>
          ) : null}
          <Text className={`jdq-tag jdq-tag--${tag.tone}`} data-testid='tag-status'>
            {tag.label}
          </Text>
        </View>
      </View>
      <Text className='jdq-row__line'>{visitTime(v.visitedAt)}</Text>
      {v.reason ? <Text className='jdq-row__line'>外勤说明：{v.reason}</Text> : null}
      {v.status === 'rejected' && v.review?.note ? <Text className='jdq-row__line'>未通过原因：{v.review.note}</Text> : null}
      <Text className='jdq-row__line'>{v.hasRecord ? '✓ 已填写走访记录' : '还没有填写走访记录 ›'}</Text>
    </View>
  )
}
