/**
 * Reads that still answer without signal. `cached(name, load)` calls the cloud; what comes back is kept on
 * the phone under `name`, and when the network is down (UNAVAILABLE) the last kept answer is returned
 * instead. `prefetchCadre()` fills the cache when the app is opened with signal: the cadre's liaison points
 * and contacts, 五必访 households, recent visits and the rules the phone needs (days target, offline window),
 * so a cadre who later loses signal can still check in, write a record and pick households.
 * Capped (services/local-store.ts): 256 KB an entry, 2 MB in all, oldest dropped first.
 */
import type { Household } from '@/types/households'
import type { LiaisonOverview } from '@/types/points'
import type { Progress, VisitPage } from '@/types/visits'
import type { Me } from '@/types/models'
import { callCloud } from './cloud'
import { isCloudError } from './reply'
import { LIMITS, jsonBytes, readKey, removeKey, writeKey } from './local-store'

const PREFIX = 'jdq.cache.'
const INDEX = 'jdq.cache.index'

interface Entry<T> {
  at: string
  data: T
}
type Index = Record<string, { bytes: number; at: string }>

function keep<T>(name: string, data: T, now: Date): void {
  const entry: Entry<T> = { at: now.toISOString(), data }
  const bytes = jsonBytes(entry)
  if (bytes > LIMITS.cacheEntryBytes) return
  const index = { ...(readKey<Index>(INDEX) ?? {}), [name]: { bytes, at: entry.at } }
  // Oldest first out until the whole cache fits.
  const names = Object.keys(index).sort((a, b) => index[a].at.localeCompare(index[b].at))
  let total = names.reduce((n, k) => n + index[k].bytes, 0)
  for (const old of names) {
    if (total <= LIMITS.cacheBytes || old === name) continue
    total -= index[old].bytes
    delete index[old]
    removeKey(PREFIX + old)
  }
  if (writeKey(PREFIX + name, entry)) writeKey(INDEX, index)
}

/** The kept answer for `name` and when it was kept, if any. */
export function peek<T>(name: string): Entry<T> | null {
  const e = readKey<Entry<T>>(PREFIX + name)
  return e && typeof e === 'object' && 'data' in e ? e : null
}

/** Calls `load`; keeps what it answers; without network, answers what was kept (or fails as `load` did). */
export async function cached<T>(name: string, load: () => Promise<T>, now: () => Date = () => new Date()): Promise<T> {
  try {
    const data = await load()
    keep(name, data, now())
    return data
  } catch (err) {
    if (isCloudError(err) && err.code === 'UNAVAILABLE') {
      const kept = peek<T>(name)
      if (kept) return kept.data
    }
    throw err
  }
}

/** Names of the cached reads, one place so pages and prefetch agree. */
export const cacheNames = {
  me: 'user.me',
  overview: 'points.overview',
  households: 'households.all',
  visits: 'visit.list',
  progress: 'visit.progress',
  visit: (id: string) => `visit.get.${id}`
} as const

const loaders = {
  overview: (): Promise<LiaisonOverview> => callCloud('points', 'overview', {}),
  progress: (): Promise<Progress> => callCloud('visit', 'progress', {}),
  visits: (): Promise<VisitPage> => callCloud('visit', 'list', { limit: 20 }),
  /** The cadre's whole 五必访 registry for the record's picker (a registry is small: at most 3 pages of 50). */
  households: async (): Promise<Household[]> => {
    const items: Household[] = []
    let cursor: string | undefined
    for (let i = 0; i < 3; i++) {
      const page = await callCloud('households', 'list', { limit: 50, ...(cursor ? { cursor } : {}) })
      items.push(...page.items)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    return items
  }
}

export const loadOverviewCached = () => cached(cacheNames.overview, loaders.overview)
export const loadProgressCached = () => cached(cacheNames.progress, loaders.progress)
export const loadVisitsCached = () => cached(cacheNames.visits, loaders.visits)
export const loadHouseholdsCached = () => cached(cacheNames.households, loaders.households)

/** Refreshed at most this often by the home page (each refresh is 4–6 small reads). */
const PREFETCH_EVERY_MS = 10 * 60 * 1000
let lastPrefetch = 0

/**
 * With signal, for a cadre: refresh everything offline work needs. Failures are quiet (the pages say it when
 * they need what is missing). Resolves when done.
 */
export async function prefetchCadre(me: Pick<Me, 'role'>, nowMs = Date.now()): Promise<void> {
  if (me.role !== 'cadre' || nowMs - lastPrefetch < PREFETCH_EVERY_MS) return
  const names = ['overview', 'households', 'visits', 'progress'] as const
  const results = await Promise.allSettled(names.map(async (n) => keep(cacheNames[n], await loaders[n](), new Date(nowMs))))
  // Only a complete refresh waits its turn; after a failure (no signal) the next show tries again.
  if (results.every((r) => r.status === 'fulfilled')) lastPrefetch = nowMs
}

/** The offline window the phone shows (制度 offlineHours, from the last progress it saw; 72 by default). */
export function offlineHours(): number {
  return peek<Progress>(cacheNames.progress)?.data.offlineHours ?? 72
}
