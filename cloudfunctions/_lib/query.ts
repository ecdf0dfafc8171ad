/**
 * wx-server-sdk 4.0.2 types get()/count() as `Promise<…> | void | string` (its callback overloads), so
 * an awaited result needs narrowing: these two helpers do it once.
 */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] }
  return res.data
}

export async function countOf(query: { count(): unknown }): Promise<number> {
  const res = (await query.count()) as { total: number }
  return res.total
}

/** Documents an update() changed (wx-server-sdk answers `{ stats: { updated } }`). */
export async function updatedCount(update: unknown): Promise<number> {
  const res = (await update) as { stats?: { updated?: number } }
  return res.stats?.updated ?? 0
}
