import { Query } from 'mingo'
import { TcbError } from './types'
import { parseEjson, parseObject, type Doc } from './ejson'
import { isPlainObject } from './keys'
import type { SortSpec } from './planner'

/** Cloud limits for a server-side get(). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** A read as the SDK asks for it: filter, order, offset, limit. */
export interface FindSpec {
  filter: Doc
  sort: SortSpec
  skip: number
  /** Infinity for no limit. */
  limit: number
}

export function queryOf(body: Record<string, unknown>): Doc {
  if (body.query === undefined || body.query === null || body.query === '') return {}
  const q = parseObject(body.query, 'query')
  try {
    new Query(q) // validates operators early with a clear message
  } catch (err) {
    throw new TcbError('INVALID_PARAM', `invalid query: ${(err as Error).message}`)
  }
  return q
}

export function sortOf(body: Record<string, unknown>): SortSpec {
  if (body.order === undefined || body.order === null || body.order === '') return []
  const raw = parseEjson(body.order, 'order')
  const out: SortSpec = []
  const push = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || field === '') throw new TcbError('INVALID_PARAM', 'order field must be a string')
    const d = dir === 'desc' || dir === -1 ? -1 : dir === 'asc' || dir === 1 ? 1 : undefined
    if (d === undefined) throw new TcbError('INVALID_PARAM', `order direction for ${field} must be 1/-1 (asc/desc)`)
    out.push([field, d])
  }
  if (Array.isArray(raw)) {
    for (const o of raw) {
      if (!isPlainObject(o)) throw new TcbError('INVALID_PARAM', 'order must be an object')
      push(o.field, o.direction)
    }
  } else if (isPlainObject(raw)) {
    for (const [f, d] of Object.entries(raw)) push(f, d)
  } else {
    throw new TcbError('INVALID_PARAM', 'order must be an object')
  }
  return out
}

export function intParam(body: Record<string, unknown>, name: string, dflt: number): number {
  const v = body[name]
  if (v === undefined || v === null) return dflt
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new TcbError('INVALID_PARAM', `${name} must be a non-negative integer`)
  }
  return n
}

export function readSpec(body: Record<string, unknown>): FindSpec {
  const queryType = body.queryType ?? 'WHERE'
  const filter = queryOf(body)
  let limit = intParam(body, 'limit', DEFAULT_LIMIT)
  if (limit === 0) limit = DEFAULT_LIMIT
  if (limit > MAX_LIMIT) limit = MAX_LIMIT
  const skip = intParam(body, 'offset', 0)
  if (queryType === 'DOC') {
    if (filter._id === undefined) throw new TcbError('INVALID_PARAM', 'a DOC query needs _id')
    return { filter, sort: [], skip: 0, limit: 1 }
  }
  if (queryType !== 'WHERE') throw new TcbError('INVALID_PARAM', `unknown queryType ${String(queryType)}`)
  return { filter, sort: sortOf(body), skip, limit }
}

/**
 * An aggregate() pipeline as the SDK sends it (stageKey / stageValue). Its leading $match / $sort / $skip / $limit
 * become a read the planner runs (indexes, early stop); the rest runs over what that read returns.
 */
export function aggregateSpec(body: Record<string, unknown>): { spec: FindSpec; rest: Doc[] } {
  if (!Array.isArray(body.stages)) throw new TcbError('INVALID_PARAM', 'stages must be an array')
  const pipeline: Doc[] = body.stages.map((s, i) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw new TcbError('INVALID_PARAM', `stage ${i} needs stageKey and stageValue`)
    const key = s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`
    if (key === '$geoNear') throw new TcbError('DATABASE_INVALID_OPERRATOR', 'the emulator does not support $geoNear')
    return { [key]: typeof s.stageValue === 'string' ? parseEjson(s.stageValue, `stage ${key}`) : s.stageValue }
  })
  // Leading $match / $sort / $skip / $limit run through the planner (indexes, early stop).
  let i = 0
  let filter: Doc = {}
  let sort: SortSpec = []
  let skip = 0
  let limit = Infinity
  if (pipeline[i]?.$match !== undefined) {
    const m = pipeline[i].$match
    if (!isPlainObject(m)) throw new TcbError('INVALID_PARAM', '$match needs an object')
    filter = m
    i++
  }
  if (pipeline[i]?.$sort !== undefined) {
    const s = pipeline[i].$sort
    if (!isPlainObject(s)) throw new TcbError('INVALID_PARAM', '$sort needs an object')
    sort = Object.entries(s).map(([f, d]) => [f, d === -1 ? -1 : 1])
    i++
  }
  while (limit === Infinity && (pipeline[i]?.$skip !== undefined || pipeline[i]?.$limit !== undefined)) {
    const st = pipeline[i]
    if (st.$skip !== undefined) {
      if (typeof st.$skip !== 'number' || st.$skip < 0) throw new TcbError('INVALID_PARAM', '$skip needs a non-negative number')
      skip += st.$skip
    } else {
      if (typeof st.$limit !== 'number' || st.$limit <= 0) throw new TcbError('INVALID_PARAM', '$limit needs a positive number')
      limit = st.$limit
    }
    i++
  }
  return { spec: { filter, sort, skip, limit }, rest: pipeline.slice(i) }
}
