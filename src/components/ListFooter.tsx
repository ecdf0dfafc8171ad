import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { PagedState } from '../hooks/usePaged'
import { ErrorView, LoadingView } from './StateViews'
import { chineseCommon, type CommonT } from '../i18n/common'

/**
 * What a paged list shows instead of its rows: before the first page, 加载中 or the error with 重试; after it,
 * `empty` when there is nothing. null: show the rows.
 */
export function listState(
  list: Pick<PagedState<unknown>, 'loaded' | 'loading' | 'error' | 'items'>,
  onRetry: () => void,
  empty: ReactNode,
  t: CommonT = chineseCommon
): ReactNode | null {
  if (!list.loaded) {
    return list.error ? <ErrorView error={list.error} onRetry={onRetry} retrying={list.loading} t={t} /> : <LoadingView text={t('loading')} />
  }
  return list.items.length === 0 ? empty : null
}

/** Above a list already shown: a refresh failed, the rows are the last ones loaded. */
export function RefreshError({ list, testId }: { list: Pick<PagedState<unknown>, 'error'>; testId?: string }) {
  if (!list.error) return null
  return (
    <View className='jdq-banner jdq-banner--warn' data-testid={testId}>
      <Text>刷新没有成功：{list.error.message}</Text>
    </View>
  )
}

/** Under a paged list: loading more, a failed page with a line to tap, or the end. */
export function ListFooter({
  list,
  onMore,
  t = chineseCommon
}: {
  list: Pick<PagedState<unknown>, 'loadingMore' | 'moreError' | 'hasMore' | 'items'>
  onMore: () => void
  t?: CommonT
}) {
  if (list.loadingMore)
    return (
      <Text className='jdq-more' data-testid='loading-more'>
        {t('loadingMore')}
      </Text>
    )
  if (list.moreError)
    return (
      <View className='jdq-more' data-testid='more-error' onClick={onMore}>
        <Text>{t('moreFailed', { message: list.moreError.message })}</Text>
      </View>
    )
  if (list.hasMore)
    return (
      <View className='jdq-more' data-testid='load-more' onClick={onMore}>
        <Text>{t('loadMore')}</Text>
      </View>
    )
  return list.items.length > 0 ? <Text className='jdq-more'>{t('noMore')}</Text> : null
}
