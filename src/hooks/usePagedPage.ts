import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { usePaged, type Page, type Paged } from './usePaged'

/**
 * A page's pull to refresh and reach bottom: `refresh` on pulling down (the spinner stops when it settles),
 * `more` on reaching the bottom. The page config needs `enablePullDownRefresh` (and `onReachBottomDistance`).
 */
export function usePageRefresh(refresh: () => Promise<unknown>, more?: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (more) void more()
  })
}

/** Calls `reload` each time the page shows again (not on the first show): back from a form that changed it. */
export function useReloadOnShow(reload: () => Promise<unknown>, enabled = true): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (enabled && shown.current) void reload()
    shown.current = true
  })
}

export interface PagedPageOptions {
  /** Reloaded together with the list on pull to refresh (e.g. the page's figures). */
  alsoRefresh?: () => Promise<unknown>
  /** Reload the list when the page shows again (back from an editor that changed it). */
  reloadOnShow?: boolean
}

/** What every paged view takes: the list, 重试 (first page failed) and 加载更多. */
export interface PagedViewProps<T> {
  list: Paged<T>
  onRetry: () => void
  onMore: () => void
}

export interface PagedPage<T> extends Paged<T> {
  /** Spread into the view: `<XxxView {...list.view} …/>`. */
  view: PagedViewProps<T>
}

/**
 * A paged list page's wiring in one place: the first page on open (and when deps change), pull to refresh
 * from the top, the next page on reaching the bottom, 重试 and 加载更多 for the view, optionally a reload
 * when the page shows again.
 */
export function usePagedPage<T>(
  loader: (cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[] = [],
  options: PagedPageOptions = {}
): PagedPage<T> {
  const list = usePaged(loader, deps)
  useReloadOnShow(list.reload, options.reloadOnShow === true)
  usePageRefresh(() => Promise.all([list.reload(), options.alsoRefresh?.()]), list.loadMore)
  return { ...list, view: { list, onRetry: () => void list.reload(), onMore: () => void list.loadMore() } }
}
