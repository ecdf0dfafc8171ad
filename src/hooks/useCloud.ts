import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudError } from '../services/reply'

export interface CloudState<T> {
  /** True while a request is on its way (first load or reload). */
  loading: boolean
  error: CloudError | null
  /** The last data that arrived; kept during a reload so the page does not flash empty. */
  data: T | undefined
  /** Loads again; resolves when done (never rejects: the error lands in `error`). */
  reload: () => Promise<void>
}

/** Runs `loader` on mount (and when `deps` change) and tracks its loading / error / data. */
export function useCloud<T>(loader: () => Promise<T>, deps: readonly unknown[] = []): CloudState<T> {
  const [state, setState] = useState<{ loading: boolean; error: CloudError | null; data: T | undefined }>({
    loading: true,
    error: null,
    data: undefined
  })
  const latest = useRef(0)
  const mounted = useRef(true)
  const loaderRef = useRef(loader)
  loaderRef.current = loader

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await loaderRef.current()
      if (mounted.current && ticket === latest.current) setState({ loading: false, error: null, data })
    } catch (err) {
      if (mounted.current && ticket === latest.current) setState((s) => ({ ...s, loading: false, error: toCloudError(err) }))
    }
  }, [])

  useEffect(() => {
    mounted.current = true
    void reload()
    return () => {
      mounted.current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { ...state, reload }
}
