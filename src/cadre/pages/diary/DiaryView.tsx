import { Text, View } from '@tarojs/components'
import type { DiaryEntry } from '@/types/diary'
import { BigButton } from '@/src/components/BigButton'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { dateText } from '../../format'

export interface DiaryViewProps {
  list: PagedState<DiaryEntry>
  onRetry: () => void
  onMore: () => void
  onOpen: (entryId: string) => void
  onWrite: () => void
  onReports: () => void
}

/** 民情日记: my entries, newest first (only I and my managers can read them). */
export function DiaryView({ list, onRetry, onMore, onOpen, onWrite, onReports }: DiaryViewProps) {
  const actions = (
    <View className='jdq-actions'>
      <BigButton onClick={onWrite} testId='write-diary'>
        写民情日记
      </BigButton>
      <View className='jdq-link' onClick={onReports} data-testid='open-reports'>
        <Text>调研报告 ›</Text>
      </View>
    </View>
  )
  if (!list.loaded) return listState(list, onRetry, null)
  return (
    <View data-testid='diary'>
      <Text className='jdq-hint'>民情日记只有您本人和您的管理员可以看到。</Text>
      {actions}
      <RefreshError list={list} testId='refresh-error' />
      {list.items.length === 0 ? (
        <EmptyView title='还没有写过民情日记' hint='走访中听到的、想到的，随手记下来。' />
      ) : (
        <Card>
          {list.items.map((e) => (
            <View key={e.id} className='jdq-row' data-testid='diary-entry' onClick={() => onOpen(e.id)}>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{dateText(e.date)}</Text>
                {e.photos.length > 0 ? <Text className='jdq-tag jdq-tag--plain'>{e.photos.length} 张照片</Text> : null}
              </View>
              <Text className='jdq-row__line'>{e.text.length > 80 ? `${e.text.slice(0, 80)}…` : e.text}</Text>
            </View>
          ))}
        </Card>
      )}
      <ListFooter list={list} onMore={onMore} />
    </View>
  )
}
