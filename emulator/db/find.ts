import { Query, find as mingoFind } from 'mingo'
import type { Meter } from './types'
import { type Doc } from './ejson'
import { plan as makePlan, type Plan, type SortSpec } from './planner'
import { Store, type StoredDoc } from './store'
import type { FindSpec } from './request'

/** What a query examined, for the slow-query log. */
export interface Cost {
  docsExamined: number
  keysExamined: number
  plan: string
}

/**
 * Runs a query against committed data: plans, reads candidates from SQLite, re-checks each with
 * mingo, sorts (unless the index already did), skips and limits.
 */
export function findDocs(store: Store, coll: string, spec: FindSpec, meter: Meter): { docs: StoredDoc[]; cost: Cost } {
  const state = store.collection(coll)!
  const p: Plan = makePlan(spec.filter, spec.sort, state.indexes)
  const cost: Cost = { docsExamined: 0, keysExamined: 0, plan: p.summary }
  const query = new Query(spec.filter)
  const streaming = spec.sort.length === 0 || (p.kind !== 'ids' && p.ordered === true)
  const want = spec.skip + spec.limit
  const matched: StoredDoc[] = []
  const seen = new Set<string>()
  const consider = (d: StoredDoc | undefined): boolean => {
    if (!d) return false
    cost.docsExamined++
    if (query.test(d.doc)) matched.push(d)
    return streaming && matched.length >= want
  }
  if (want > 0) {
    if (p.kind === 'ids') {
      const keys = p.ids.map((id) => Store.idkey(id)).sort(Buffer.compare)
      for (const k of keys) {
        const h = k.toString('hex')
        if (seen.has(h)) continue
        seen.add(h)
        cost.keysExamined++
        if (consider(store.get(coll, k))) break
      }
    } else if (p.kind === 'index') {
      outer: for (const r of p.reverse ? [...p.ranges].reverse() : p.ranges) {
        for (const k of store.range(coll, p.index.name, r, p.reverse)) {
          cost.keysExamined++
          const h = k.toString('hex')
          if (seen.has(h)) continue
          seen.add(h)
          if (consider(store.get(coll, k))) break outer
        }
      }
    } else {
      for (const d of store.scan(coll, p.range, p.reverse)) if (consider(d)) break
    }
  }
  meter.docsExamined += cost.docsExamined
  meter.keysExamined += cost.keysExamined
  let result = matched
  if (!streaming && spec.sort.length > 0) result = sortDocs(matched, spec.sort)
  result = result.slice(spec.skip, spec.limit === Infinity ? undefined : spec.skip + spec.limit)
  return { docs: result, cost }
}

/** A query that examined far more than it returned goes to the log, with its plan. */
export function slowLog(log: (line: string) => void, coll: string, what: string, filter: Doc, cost: Cost, returned: number): void {
  if (cost.docsExamined > 10 * Math.max(returned, 1)) {
    let q = toEjsonRelaxed(filter)
    if (q.length > 300) q = `${q.slice(0, 300)}…`
    log(`[db] ${coll} ${what} ${q} examined ${cost.docsExamined} docs, ${cost.keysExamined} keys for ${returned} (${cost.plan})`)
  }
}

export function toEjsonRelaxed(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof RegExp ? String(x) : x))
  } catch {
    return '[query]'
  }
}

export function sortDocs(docs: StoredDoc[], sort: SortSpec): StoredDoc[] {
  const byDoc = new Map<Doc, StoredDoc>()
  for (const d of docs) byDoc.set(d.doc, d)
  const sorted = mingoFind(
    docs.map((d) => d.doc),
    {}
  )
    .sort(Object.fromEntries(sort))
    .all() as Doc[]
  return sorted.map((doc) => byDoc.get(doc)!)
}
