import { Text, View } from '@tarojs/components'
import type { Exemplar } from '@/types/exemplars'
import { exemplarKinds } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

export interface ExemplarsViewProps {
  list: PagedState<Exemplar>
  onRetry: () => void
  onMore: () => void
  /** Managers: go and pick a record to mark. */
  onPick?: () => void
  onRemove: (e: Exemplar) => void
  removing: string | null
  error: string | null
}

const day = (d: string) => beijing(`${d}T12:00:00+08:00`).format('YYYY年M月D日')

/** 典型引路: good work of the whole system, newest first, to learn from. */
export function ExemplarsView(p: ExemplarsViewProps) {
  const head = p.onPick ? (
    <View className='exm-pick'>
      <BigButton kind='plain' onClick={p.onPick} testId='pick-exemplar'>
        推荐典型
      </BigButton>
    </View>
  ) : null
  const state = listState(p.list, p.onRetry, <EmptyView title='还没有典型案例' hint='管理员把做得好的走访、民情日记和办结的诉求设为典型后，会出现在这里。' />)
  if (state)
    return (
      <View data-testid='exemplars'>
        {head}
        {state}
      </View>
    )
  return (
    <View data-testid='exemplars'>
      {head}
      <RefreshError list={p.list} />
      {p.error ? (
        <Text className='exm-error' data-testid='exemplar-error'>
          {p.error}
        </Text>
      ) : null}
      {p.list.items.map((e) => (
        <Card key={e.id} testId='exemplar'>
          <View className='jdq-row__head'>
            <Text className='exm-title'>{e.title}</Text>
            <Text className='jdq-tag jdq-tag--ok'>{exemplarKinds[e.kind]}</Text>
          </View>
          <Text className='exm-meta'>
            {e.cadreName} · {e.orgName} · {day(e.date)}
          </Text>
          {e.detail ? <Text className='exm-meta'>{e.detail}</Text> : null}
          <Text className='exm-summary'>{e.summary}</Text>
          <Text className='exm-by'>{e.markedByName} 推荐</Text>
          {e.canRemove ? (
            <BigButton kind='plain' onClick={() => p.onRemove(e)} loading={p.removing === e.id} testId='remove-exemplar'>
              撤下
            </BigButton>
          ) : null}
        </Card>
      ))}
      <ListFooter list={p.list} onMore={p.onMore} />
    </View>
  )
}
