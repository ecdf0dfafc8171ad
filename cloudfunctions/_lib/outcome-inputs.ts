/**
 * What a cadre's outcome figures are computed from (cadre-figures.ts), read for a batch of cadres in a fixed number
 * of indexed reads whatever their history: the year statistics by _id, the month serviceStats by _id, the 五必访
 * registry and the open overdue demands on their cadre indexes, the approved 请假/培训/抽调 touching the years, and the
 * 制度 of each organisation and year. The rankings job reads 50 cadres at a time; 我的成效 reads one.
 */
import { _ } from './cloud'
import { collection, type CadrePeriodDoc, type OrgDoc, type VisitStatsDoc } from './collections'
import type { ServiceStatsDoc } from './service'
import { rows } from './query'
import type { CadreInputs } from './cadre-figures'
import type { CollectionName } from '@/types/database'
import type { OrgRules } from '@/types/org-rules'
import { isPauseKind } from '@/types/cadre-periods'
import { mergeRules, ruleDocId, type RuleDocLike } from '@/types/rules/org-rules'
import type { Pause } from '@/types/rules/pace'
import { countFourHundred, type FourHundredFields } from '@/types/rules/four-hundred'
import { periodRange } from '@/types/outcomes'

export interface CadreLike {
  _id: string
  orgPath: string[]
}

export interface InputsBatch {
  visitStats: Map<string, VisitStatsDoc>
  /** cadreId → month id → serviceStats */
  service: Map<string, Map<string, ServiceStatsDoc>>
  households: Map<string, { total: number; visitedIn: Map<number, number> }>
  overdue: Map<string, number>
  pauses: Map<string, (Pause & { id: string; kind: CadrePeriodDoc['kind'] })[]>
  /** cadreId → the 四个百家 facts of each registered household */
  fourHundred: Map<string, FourHundredFields[]>
  /** cadreId → surveys published since the first of the years */
  surveys: Map<string, { publishedAt: Date; answers: number }[]>
}

const CHUNK = 500
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_x, i) => xs.slice(i * n, i * n + n))

/** Every page of a query in _id order, 1000 at a time (the cloud's largest page). */
export async function allRows<T extends { _id: string }>(
  name: CollectionName,
  where: Record<string, unknown>,
  fields: Record<string, true> | null
): Promise<T[]> {
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const q: Record<string, unknown> = after ? { ...where, _id: _.gt(after) } : where
    const base = collection(name).where(q)
    const page: T[] = await rows<T>((fields ? base.field({ ...fields, _id: true }) : base).orderBy('_id', 'asc').limit(1000))
    out.push(...page)
    if (page.length < 1000) return out
    after = page[page.length - 1]._id
  }
}

/**
 * The approved 请假/培训/抽调 and 蹲点 spans touching the years, of some cadres: one read on cadre_years_status,
 * bounded by the spans a cadre may have a year.
 */
export function approvedPeriods(cadreIds: readonly string[], years: readonly number[]): Promise<CadrePeriodDoc[]> {
  return allRows<CadrePeriodDoc>(
    'cadrePeriods',
    { cadreId: _.in([...cadreIds]), years: _.in([...years]), status: 'approved' },
    { cadreId: true, kind: true, from: true, to: true }
  )
}

/** The pauses among spans. */
export const pausesOf = (periods: readonly CadrePeriodDoc[]): (Pause & { id: string; kind: CadrePeriodDoc['kind'] })[] =>
  periods.filter((p) => isPauseKind(p.kind)).map((p) => ({ id: p._id, kind: p.kind, from: p.from, to: p.to }))

const monthsOfYear = (year: number) => Array.from({ length: 12 }, (_x, i) => `${year}-${String(i + 1).padStart(2, '0')}`)

export async function readInputs(cadres: readonly CadreLike[], years: readonly number[], now: Date): Promise<InputsBatch> {
  const ids = cadres.map((c) => c._id)
  const statIds = ids.flatMap((id) => years.flatMap((y) => monthsOfYear(y).map((m) => `${id}_${m}`)))
  const [visitStats, service, households, overdue, periods, surveys] = await Promise.all([
    rows<VisitStatsDoc>(
      collection('visitStats')
        .where({ _id: _.in(ids.flatMap((id) => years.map((y) => `${id}_${y}`))) })
        .limit(ids.length * years.length)
    ),
    Promise.all(
      chunks(statIds).map((part) => allRows<ServiceStatsDoc>('serviceStats', { _id: _.in(part) }, { cadreId: true, period: true, counts: true }))
    ).then((x) => x.flat()),
    allRows<FourHundredFields & { _id: string; cadreId: string; visitsYear: number | null; visitsInYear: number }>(
      'households',
      { cadreId: _.in(ids) },
      {
        cadreId: true,
        visitsYear: true,
        visitsInYear: true,
        knownYear: true,
        knownYears: true,
        relievedYear: true,
        warmedYear: true,
        helpCounts: true
      }
    ),
    allRows<{ _id: string; cadreId: string }>('demands', { cadreId: _.in(ids), active: true, deadlineAt: _.lt(now) }, { cadreId: true }),
    approvedPeriods(ids, years),
    // 调查问卷 published since the first of the years (index owner_published): a handful per cadre.
    allRows<{ _id: string; ownerId: string; publishedAt: Date; tally?: { total?: number } }>(
      'surveys',
      { ownerId: _.in(ids), publishedAt: _.gte(periodRange(String(Math.min(...years))).start) },
      { ownerId: true, publishedAt: true, 'tally.total': true }
    )
  ])
  const out: InputsBatch = {
    visitStats: new Map(),
    service: new Map(),
    households: new Map(),
    overdue: new Map(),
    pauses: new Map(),
    fourHundred: new Map(),
    surveys: new Map()
  }
  for (const v of visitStats) out.visitStats.set(`${v.cadreId}_${v.year}`, v)
  for (const s of service) {
    const m = out.service.get(s.cadreId) ?? new Map<string, ServiceStatsDoc>()
    m.set(s.period, s)
    out.service.set(s.cadreId, m)
  }
  for (const h of households) {
    const e = out.households.get(h.cadreId) ?? { total: 0, visitedIn: new Map<number, number>() }
    e.total += 1
    if (h.visitsYear !== null && h.visitsInYear > 0) e.visitedIn.set(h.visitsYear, (e.visitedIn.get(h.visitsYear) ?? 0) + 1)
    out.households.set(h.cadreId, e)
    const facts = out.fourHundred.get(h.cadreId) ?? []
    facts.push(h)
    out.fourHundred.set(h.cadreId, facts)
  }
  for (const v of surveys) {
    const list = out.surveys.get(v.ownerId) ?? []
    list.push({ publishedAt: new Date(v.publishedAt), answers: v.tally?.total ?? 0 })
    out.surveys.set(v.ownerId, list)
  }
  for (const d of overdue) out.overdue.set(d.cadreId, (out.overdue.get(d.cadreId) ?? 0) + 1)
  for (const p of periods) {
    const list = out.pauses.get(p.cadreId) ?? []
    list.push(...pausesOf([p]))
    out.pauses.set(p.cadreId, list)
  }
  return out
}

/** One cadre's inputs for a year, from a batch. */
export function inputsFor(batch: InputsBatch, cadreId: string, year: number, daysTarget: number): CadreInputs {
  const h = batch.households.get(cadreId)
  return {
    visitStats: batch.visitStats.get(`${cadreId}_${year}`) ?? null,
    service: batch.service.get(cadreId) ?? new Map(),
    households: { total: h?.total ?? 0, visitedThisYear: h?.visitedIn.get(year) ?? 0 },
    overdue: batch.overdue.get(cadreId) ?? 0,
    daysTarget,
    pauses: batch.pauses.get(cadreId) ?? [],
    fourHundred: countFourHundred(batch.fourHundred.get(cadreId) ?? [], year),
    surveys: batch.surveys.get(cadreId) ?? []
  }
}

/** The 制度 of each organisation for a year, merged from its path's rule documents (one read for all of them). */
export async function rulesByOrg(orgs: readonly Pick<OrgDoc, '_id' | 'path'>[], year: number): Promise<Map<string, OrgRules>> {
  const ids = [...new Set(orgs.flatMap((o) => o.path))]
  const docs = ids.length
    ? await rows<RuleDocLike>(
        collection('orgRules')
          .where({ _id: _.in(ids.map((id) => ruleDocId(id, year))) })
          .limit(ids.length)
      )
    : []
  return new Map(orgs.map((o) => [o._id, mergeRules(o.path, docs).rules]))
}
