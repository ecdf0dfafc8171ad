import { Text, View } from '@tarojs/components'
import type { PagedState } from '../hooks/usePaged'

/** Under a paged list: loading more, a failed page with a line to tap, or the end. */
export function ListFooter({ list, onMore }: { list: Pick<PagedState<unknown>, 'loadingMore' | 'moreError' | 'hasMore' | 'items'>; onMore: () => void }) {
  if (list.loadingMore) return <Text className='jdq-more' data-testid='loading-more'>正在加载更多…</Text>
  if (list.moreError)
    return (
      <View className='jdq-more' data-testid='more-error' onClick={onMore}>
        <Text>{list.moreError.message}，点这里再试</Text>
      </View>
    )
  if (list.hasMore)
    return (
      <View className='jdq-more' data-testid='load-more' onClick={onMore}>
        <Text>上拉或点这里加载更多</Text>
      </View>
    )
  return list.items.length > 0 ? <Text className='jdq-more'>没有更多了</Text> : null
}
