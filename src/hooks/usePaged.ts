import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudError } from '../services/reply'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedState<T> {
  items: T[]
  /** First page (or a refresh) on its way. */
  loading: boolean
  /** A further page on its way. */
  loadingMore: boolean
  error: CloudError | null
  /** A further page failed: the list stays, with a line to try again. */
  moreError: CloudError | null
  /** More pages to load. */
  hasMore: boolean
  /** True once the first page has arrived. */
  loaded: boolean
}

export interface Paged<T> extends PagedState<T> {
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Local edit after an action (e.g. remove a reviewed item). */
  setItems: (update: (items: T[]) => T[]) => void
}

/** A cursor-paged list: the first page on mount (and when deps change), more on demand, refresh from the top. */
export function usePaged<T>(loader: (cursor: string | undefined) => Promise<Page<T>>, deps: readonly unknown[] = []): Paged<T> {
  const [state, setState] = useState<PagedState<T>>({
    items: [],
    loading: true,
    loadingMore: false,
    error: null,
    moreError: null,
    hasMore: false,
    loaded: false
  })
  const cursor = useRef<string | null>(null)
  const ticket = useRef(0)
  const busyMore = useRef(false)
  const mounted = useRef(true)
  const loaderRef = useRef(loader)
  loaderRef.current = loader

  const reload = useCallback(async () => {
    const mine = ++ticket.current
    setState((s) => ({ ...s, loading: true, error: null, moreError: null }))
    try {
      const page = await loaderRef.current(undefined)
      if (!mounted.current || mine !== ticket.current) return
      cursor.current = page.nextCursor
      setState({ items: page.items, loading: false, loadingMore: false, error: null, moreError: null, hasMore: page.nextCursor !== null, loaded: true })
    } catch (err) {
      if (!mounted.current || mine !== ticket.current) return
      setState((s) => ({ ...s, loading: false, error: toCloudError(err) }))
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (busyMore.current || cursor.current === null) return
    busyMore.current = true
    const mine = ticket.current
    setState((s) => ({ ...s, loadingMore: true, moreError: null }))
    try {
      const page = await loaderRef.current(cursor.current)
      if (!mounted.current || mine !== ticket.current) return
      cursor.current = page.nextCursor
      setState((s) => ({ ...s, items: [...s.items, ...page.items], loadingMore: false, hasMore: page.nextCursor !== null }))
    } catch (err) {
      if (!mounted.current || mine !== ticket.current) return
      setState((s) => ({ ...s, loadingMore: false, moreError: toCloudError(err) }))
    } finally {
      busyMore.current = false
    }
  }, [])

  const setItems = useCallback((update: (items: T[]) => T[]) => setState((s) => ({ ...s, items: update(s.items) })), [])

  useEffect(() => {
    mounted.current = true
    void reload()
    return () => {
      mounted.current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { ...state, reload, loadMore, setItems }
}
