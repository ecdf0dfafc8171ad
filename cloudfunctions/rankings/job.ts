/**
 * The rankings job (issue 5, item 3), run by the timer and by the admin's "run now". One *cycle* recomputes the
 * current month, quarter and year (and, in the first 7 days of a month, the month just ended: ratings may still
 * arrive within the rating window) in three phases, each in batches by an indexed cursor:
 *
 *   scores  every cadre (users by _id): their stats → figures → score → one cadreScores doc per period
 *   ranks   per province and period, the cadreScores in index order (sortKey, _id): positions in the province,
 *           and — counted on the same walk — in each prefecture and county; stale docs of removed cadres go
 *   orgs    county → prefecture → province: each org's own cadres' docs plus its children's orgStats, summed
 *           into orgStats; the children get their rank among siblings
 *
 * A checkpoint (rankingRuns/'rankings') holds the cycle, phase and cursor; a run stops well inside the 60 s
 * limit and the next run continues. Every write is a set() of a value computed from the cycle's data, so a batch
 * done twice (a crash, or two overlapping runs) writes the same thing; the checkpoint only ever moves forward
 * (its `step` is compared in a transaction). The cost of a cycle grows with the cadres and orgs, never with
 * history: each cadre reads a fixed number of stats documents (measured on the emulator: 1,000 cadres, a first
 * cycle of about 6.6 DB operations per cadre, a steady one — ranks unchanged — about 3.5).
 *
 * Schedule (config.json): every 10 minutes 07:00–23:50 Beijing; a finished cycle is followed by the next only an
 * hour after it began, so a small province is recomputed hourly and a large one keeps moving run after run. The
 * timer stays quiet at night, when the nightly reconciliation repairs the counters this job reads.
 */
import { randomUUID } from 'node:crypto'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc, type VisitStatsDoc } from '../_lib/collections'
import type { ServiceStatsDoc } from '../_lib/service'
import { rows } from '../_lib/query'
import type { CollectionName } from '../../types/database'
import { inTransaction } from '../_lib/tx'
import { mergeRules, ruleDocId, type RuleDocLike } from '../../types/rules/org-rules'
import type { OrgRules } from '../../types/org-rules'
import { cadreSortKey, compareBySortKey, computeScore, unitSortKey } from '../../types/rules/score'
import {
  addFigures,
  cadreScoreId,
  emptyFigures,
  monthIdsOf,
  paceAtEndOf,
  orgStatsId,
  periodRange,
  periodKind,
  periodsAt,
  periodYear,
  previousMonth,
  rankScopes,
  satisfiedShare,
  type CadreScoreDoc,
  type OrgStatsDoc,
  type RankScope
} from '../../types/outcomes'
import { beijing } from '../../types/rules/beijing-time'
import { cadreFigures } from './figures'
import { countFourHundred, type FourHundredFields } from '../../types/rules/four-hundred'

export const CHECKPOINT_ID = 'rankings'
export const DEFAULTS = { budgetMs: 40_000, batchSize: 50 }
/** The timer fires every 10 minutes; a new cycle begins at most hourly. */
export const TIMER_CYCLE_GAP_MS = 50 * 60_000
/** Kept back before starting another batch, so a slow batch still ends inside the budget. */
const BATCH_MARGIN_MS = 4000
const levelsUp = ['county', 'prefecture', 'province'] as const
const levelOfDepth = ['province', 'prefecture', 'county'] as const

export type Phase = 'scores' | 'ranks' | 'orgs' | 'done'

export interface Checkpoint {
  _id: string
  /** The cycle's clock (ISO): every figure of the cycle is as of this instant. */
  cycle: string
  periods: string[]
  phase: Phase
  /** Monotonic within a cycle: a slower overlapping run never moves the checkpoint back. */
  step: number
  /** scores: last cadre _id. */
  cadreAfter: string | null
  /** ranks: [period index, province index], the last (sortKey, _id) and the counts per scope so far. */
  rank: { p: number; prov: number; after: [string, string] | null; pos: number; counts: Record<string, number> }
  /** orgs: [level index, last org _id]. */
  org: { level: number; after: string | null }
  provinces: string[]
  cadres: number
  orgs: number
  updatedAt: Date
  lastRunId: string
}

export interface RunOptions {
  now: Date
  budgetMs: number
  batchSize: number
  /** Abandon an unfinished cycle and start a new one. */
  force?: boolean
  /**
   * The timer's rule: a finished cycle is followed by a new one only this long after it began (the trigger fires
   * every 10 minutes so a large cycle keeps moving; a small one is recomputed about hourly). 0 = at once.
   */
  minCycleGapMs?: number
  /** Test only: stop after this many batches (as if the budget ran out), to show the next run resumes. */
  maxBatches?: number
}

export interface RunReport {
  runId: string
  cycle: string
  phase: Phase
  done: boolean
  stoppedEarly: boolean
  batches: number
  cadres: number
  orgs: number
  ms: number
}

/** The periods a cycle at `now` computes. */
export function cyclePeriods(now: Date): string[] {
  const p = periodsAt(now)
  const list = [p.month, p.quarter, p.year]
  if (beijing(now).date() <= 7) list.push(previousMonth(p.month))
  return list
}

function newCheckpoint(now: Date, runId: string): Checkpoint {
  return {
    _id: CHECKPOINT_ID,
    cycle: now.toISOString(),
    periods: cyclePeriods(now),
    phase: 'scores',
    step: 0,
    cadreAfter: null,
    rank: { p: 0, prov: 0, after: null, pos: 0, counts: {} },
    org: { level: 0, after: null },
    provinces: [],
    cadres: 0,
    orgs: 0,
    updatedAt: now,
    lastRunId: runId
  }
}

async function loadCheckpoint(): Promise<Checkpoint | null> {
  const [cp] = await rows<Checkpoint>(collection('rankingRuns').where({ _id: CHECKPOINT_ID }).limit(1))
  return cp ?? null
}

/** Saves the checkpoint unless another run already got further (same cycle, higher step) or began a newer cycle. */
async function saveCheckpoint(cp: Checkpoint, reset = false): Promise<boolean> {
  return inTransaction(async (tx) => {
    const ref = tx.collection('rankingRuns').doc(CHECKPOINT_ID)
    const found = (await ref.get()).data as unknown as Checkpoint | null
    if (!reset && found && (found.cycle > cp.cycle || (found.cycle === cp.cycle && found.step >= cp.step))) return false
    const { _id, ...rest } = cp
    if (found) await ref.set({ data: rest as unknown as Record<string, unknown> })
    else await tx.collection('rankingRuns').add({ data: { _id, ...rest } as unknown as Record<string, unknown> })
    return true
  })
}

export async function runRankings(options: Partial<RunOptions> & { now: Date }): Promise<RunReport> {
  const o: RunOptions = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)), now: options.now }
  const runId = randomUUID()
  const started = Date.now()
  const left = () => o.budgetMs - (Date.now() - started)
  let cp = await loadCheckpoint()
  if (cp && cp.phase === 'done' && !o.force && o.minCycleGapMs && o.now.getTime() - Date.parse(cp.cycle) < o.minCycleGapMs && cp.cycle <= o.now.toISOString()) {
    return { runId, cycle: cp.cycle, phase: 'done', done: true, stoppedEarly: false, batches: 0, cadres: 0, orgs: 0, ms: Date.now() - started }
  }
  // A finished cycle: start the next one (the timer's gap rule above). A cycle from the future (a test's clock) is
  // replaced too; `force` abandons an unfinished cycle.
  if (!cp || cp.phase === 'done' || o.force || cp.cycle > o.now.toISOString()) {
    const reset = !!cp && (o.force === true || cp.cycle > o.now.toISOString())
    cp = newCheckpoint(o.now, runId)
    // A deliberate reset replaces the checkpoint whatever it holds (it may be a later cycle's).
    if (reset) await saveCheckpoint(cp, true)
  }
  const report: RunReport = { runId, cycle: cp.cycle, phase: cp.phase, done: false, stoppedEarly: false, batches: 0, cadres: 0, orgs: 0, ms: 0 }
  const cycleNow = new Date(cp.cycle)
  const orgCache = new Map<string, OrgDoc>()

  while (cp.phase !== 'done') {
    if (left() < BATCH_MARGIN_MS || (JDQ_TEST_SWITCHES && o.maxBatches !== undefined && report.batches >= o.maxBatches)) {
      report.stoppedEarly = true
      break
    }
    let next: Checkpoint
    if (cp.phase === 'scores') next = await scoresBatch(cp, cycleNow, o.batchSize, orgCache, report)
    else if (cp.phase === 'ranks') next = await ranksBatch(cp, o.batchSize * 4)
    else next = await orgsBatch(cp, cycleNow, Math.max(5, Math.floor(o.batchSize / 2)), report)
    report.batches += 1
    next = { ...next, step: cp.step + 1, updatedAt: new Date(), lastRunId: runId }
    const saved = await saveCheckpoint(next)
    if (!saved) {
      // An overlapping run is ahead: pick up from where it is.
      const theirs = await loadCheckpoint()
      if (!theirs || theirs.cycle !== cp.cycle) break
      cp = theirs
    } else cp = next
  }
  return { ...report, cycle: cp.cycle, phase: cp.phase, done: cp.phase === 'done', ms: Date.now() - started }
}

// ---------------------------------------------------------------- phase 1: scores

/** Days this year up to the end of the period (or now), against the yearly target pro-rated to then. */
function paceOf(vs: VisitStatsDoc | null, period: string, now: Date, yearTarget: number): { expected: number; actual: number } {
  const year = periodYear(period)
  const last = monthIdsOf(period).slice(-1)[0]
  const actual = vs && vs.year === year ? Object.entries(vs.daysByMonth ?? {}).reduce((sum, [id, v]) => (id <= last && id.startsWith(String(year)) ? sum + v : sum), 0) : 0
  return { expected: paceAtEndOf(yearTarget, period, now), actual }
}

async function orgsById(ids: string[], cache: Map<string, OrgDoc>): Promise<Map<string, OrgDoc>> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id))
  if (missing.length) {
    for (const o of await rows<OrgDoc>(collection('orgs').where({ _id: _.in(missing) }).limit(missing.length))) cache.set(o._id, o)
  }
  return cache
}

async function rulesByOrg(orgs: OrgDoc[], year: number): Promise<Map<string, OrgRules>> {
  const ids = [...new Set(orgs.flatMap((o) => o.path))]
  const docs = ids.length ? await rows<RuleDocLike>(collection('orgRules').where({ _id: _.in(ids.map((id) => ruleDocId(id, year))) }).limit(ids.length)) : []
  return new Map(orgs.map((o) => [o._id, mergeRules(o.path, docs).rules]))
}

async function allRows<T extends { _id: string }>(where: Record<string, unknown>, name: CollectionName, fields: Record<string, true> | null): Promise<T[]> {
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

async function scoresBatch(cp: Checkpoint, now: Date, size: number, orgCache: Map<string, OrgDoc>, report: RunReport): Promise<Checkpoint> {
  const page = await rows<UserDoc>(
    collection('users')
      .where(cp.cadreAfter ? { role: 'cadre', _id: _.gt(cp.cadreAfter) } : { role: 'cadre' })
      .orderBy('_id', 'asc')
      .limit(size)
  )
  // A retired account (moved or removed) keeps its past periods where they were earned, but is not ranked now:
  // its current-period entries are removed by the ranks phase (not rescored this cycle).
  const cadres = page.filter((c) => c.active !== false)
  if (page.length === 0) {
    const provinces = await rows<OrgDoc>(collection('orgs').where({ level: 'province' }).orderBy('_id', 'asc').limit(1000))
    return { ...cp, phase: 'ranks', provinces: provinces.map((p) => p._id) }
  }
  if (cadres.length === 0) return { ...cp, cadreAfter: page[page.length - 1]._id }
  const ids = cadres.map((c) => c._id)
  const year = periodYear(cp.periods[2])
  const years = [...new Set(cp.periods.map(periodYear))]
  const months = [...new Set(cp.periods.filter((p) => periodKind(p) !== 'year').flatMap(monthIdsOf))]
  const statIds = ids.flatMap((id) => [...months, String(year)].map((p) => `${id}_${p}`))
  const [visitStats, service, households, overdue, existing, surveys] = await Promise.all([
    // The year's visitStats, and last year's too when the month just ended was December (1–7 January).
    rows<VisitStatsDoc>(collection('visitStats').where({ _id: _.in(ids.flatMap((id) => years.map((y) => `${id}_${y}`))) }).limit(ids.length * years.length)),
    allRows<ServiceStatsDoc>({ _id: _.in(statIds) }, 'serviceStats', { cadreId: true, period: true, counts: true }),
    allRows<FourHundredFields & { _id: string; cadreId: string }>(
      { cadreId: _.in(ids) },
      'households',
      { cadreId: true, visitsYear: true, visitsInYear: true, knownYear: true, knownYears: true, relievedYear: true, warmedYear: true, helpCounts: true }
    ),
    allRows<{ _id: string; cadreId: string }>({ cadreId: _.in(ids), active: true, deadlineAt: _.lt(now) }, 'demands', { cadreId: true }),
    rows<CadreScoreDoc>(collection('cadreScores').where({ _id: _.in(ids.flatMap((id) => cp.periods.map((p) => cadreScoreId(id, p)))) }).field({ ranks: true }).limit(1000)),
    // 调查问卷 published since the earliest period of the cycle (index owner_published): a handful per cadre.
    allRows<{ _id: string; ownerId: string; publishedAt: Date; tally?: { total?: number } }>(
      { ownerId: _.in(ids), publishedAt: _.gte(periodRange(String(Math.min(...years))).start) },
      'surveys',
      { ownerId: true, publishedAt: true, 'tally.total': true }
    )
  ])
  await orgsById(cadres.map((c) => c.orgId), orgCache)
  const orgs = cadres.map((c) => orgCache.get(c.orgId)).filter((o): o is OrgDoc => !!o)
  const rules = await rulesByOrg([...new Map(orgs.map((o) => [o._id, o])).values()], year)

  const vsBy = new Map(visitStats.map((v) => [`${v.cadreId}_${v.year}`, v]))
  const svc = new Map(service.map((s) => [s._id, s]))
  const hh = new Map<string, { total: number; visitedThisYear: number }>()
  const byCadre = new Map<string, FourHundredFields[]>()
  for (const h of households) {
    const e = hh.get(h.cadreId) ?? { total: 0, visitedThisYear: 0 }
    e.total += 1
    if (h.visitsYear === year && h.visitsInYear > 0) e.visitedThisYear += 1
    hh.set(h.cadreId, e)
    byCadre.set(h.cadreId, [...(byCadre.get(h.cadreId) ?? []), h])
  }
  const surveysBy = new Map<string, { publishedAt: Date; answers: number }[]>()
  for (const s of surveys) surveysBy.set(s.ownerId, [...(surveysBy.get(s.ownerId) ?? []), { publishedAt: new Date(s.publishedAt), answers: s.tally?.total ?? 0 }])
  const od = new Map<string, number>()
  for (const d of overdue) od.set(d.cadreId, (od.get(d.cadreId) ?? 0) + 1)
  const ranksBy = new Map(existing.map((e) => [e._id, e.ranks]))

  const writes: CadreScoreDoc[] = []
  for (const c of cadres) {
    const org = orgCache.get(c.orgId)
    if (!org) continue
    const r = rules.get(org._id)!
    const service = new Map<string, ServiceStatsDoc>()
    for (const p of [...months, String(year)]) {
      const s = svc.get(`${c._id}_${p}`)
      if (s) service.set(p, s)
    }
    for (const period of cp.periods) {
      const figures = cadreFigures(period, now, {
        visitStats: vsBy.get(`${c._id}_${periodYear(period)}`) ?? null,
        service,
        households: hh.get(c._id) ?? { total: 0, visitedThisYear: 0 },
        fourHundred: countFourHundred(byCadre.get(c._id) ?? [], periodYear(period)),
        surveys: surveysBy.get(c._id) ?? [],
        overdue: od.get(c._id) ?? 0,
        daysTarget: r.daysTarget
      })
      const pace = paceOf(vsBy.get(`${c._id}_${periodYear(period)}`) ?? null, period, now, r.daysTarget)
      figures.days.behind = pace.actual < Math.floor(pace.expected) ? 1 : 0
      const s = computeScore(figures, r.scoreWeights)
      const share = satisfiedShare(figures)
      const scope = Object.fromEntries(rankScopes.map((l) => [l, c.orgPath[levelOfDepth.indexOf(l)] ?? null])) as Record<RankScope, string | null>
      const _id = cadreScoreId(c._id, period)
      writes.push({
        _id,
        cadreId: c._id,
        cadreName: c.name,
        orgId: org._id,
        orgName: org.name,
        orgPath: c.orgPath,
        system: org.system,
        period,
        periodKind: periodKind(period),
        scope,
        figures,
        score: s.score,
        satisfiedShare: share,
        breakdown: s.breakdown,
        sortKey: cadreSortKey(s.score, share, figures.demands.solved, c._id),
        ranks: ranksBy.get(_id) ?? { county: null, prefecture: null, province: null },
        pace,
        cycle: cp.cycle,
        computedAt: now,
        updatedAt: new Date()
      })
    }
  }
  for (let i = 0; i < writes.length; i += 20) {
    await Promise.all(writes.slice(i, i + 20).map(({ _id, ...doc }) => collection('cadreScores').doc(_id).set({ data: doc })))
  }
  report.cadres += cadres.length
  return { ...cp, cadreAfter: page[page.length - 1]._id, cadres: cp.cadres + cadres.length }
}

// ---------------------------------------------------------------- phase 2: ranks

async function ranksBatch(cp: Checkpoint, size: number): Promise<Checkpoint> {
  const { p, prov } = cp.rank
  if (p >= cp.periods.length) return { ...cp, phase: 'orgs', org: { level: 0, after: null } }
  const province = cp.provinces[prov]
  if (province === undefined) return { ...cp, rank: { p: p + 1, prov: 0, after: null, pos: 0, counts: {} } }
  const period = cp.periods[p]
  const after = cp.rank.after
  // sortKey is unique (it ends with the cadre id): the cursor is the last key.
  const where = after ? { period, 'scope.province': province, sortKey: _.gt(after[0]) } : { period, 'scope.province': province }
  const docs = await rows<CadreScoreDoc>(
    collection('cadreScores').where(where).field({ cadreId: true, ranks: true, scope: true, sortKey: true, cycle: true }).orderBy('sortKey', 'asc').orderBy('_id', 'asc').limit(size)
  )
  // Not rescored this cycle: the cadre was removed, moved or lost the role — or an overlapping older run wrote the
  // document after this cycle did. Only the cadre's account tells (read just for these, which are rare).
  const stale = docs.filter((d) => (d.cycle ?? '') < cp.cycle)
  const live = new Set(
    stale.length
      ? (await rows<UserDoc>(collection('users').where({ _id: _.in([...new Set(stale.map((d) => d.cadreId))]) }).field({ role: true, active: true }).limit(stale.length)))
          .filter((u) => u.role === 'cadre' && u.active !== false)
          .map((u) => u._id)
      : []
  )
  let pos = cp.rank.pos
  const counts = { ...cp.rank.counts }
  const updates: unknown[] = []
  for (const d of docs) {
    if ((d.cycle ?? '') < cp.cycle) {
      if (!live.has(d.cadreId)) {
        // The current-period entry of an account no longer ranked goes; its past periods stay.
        updates.push(collection('cadreScores').doc(d._id).remove())
        continue
      }
    }
    // A live stale one: the same figures, written by the older run a moment later — counted in this cycle.
    const touch = (d.cycle ?? '') < cp.cycle ? { cycle: cp.cycle } : {}
    if ((d.cycle ?? '') > cp.cycle) continue // a newer cycle's run will rank it
    pos += 1
    const ranks: Record<RankScope, number | null> = { province: pos, prefecture: null, county: null }
    for (const level of ['prefecture', 'county'] as const) {
      const id = d.scope[level]
      if (id) ranks[level] = counts[id] = (counts[id] ?? 0) + 1
    }
    if (touch.cycle || d.ranks?.province !== ranks.province || d.ranks?.prefecture !== ranks.prefecture || d.ranks?.county !== ranks.county) {
      updates.push(collection('cadreScores').doc(d._id).update({ data: { ranks, ...touch } }))
    }
  }
  for (let i = 0; i < updates.length; i += 20) await Promise.all(updates.slice(i, i + 20))
  if (docs.length < size) return { ...cp, rank: { p, prov: prov + 1, after: null, pos: 0, counts: {} } }
  const last = docs[docs.length - 1]
  return { ...cp, rank: { p, prov, after: [last.sortKey, last._id], pos, counts } }
}

// ---------------------------------------------------------------- phase 3: org aggregates

interface Agg {
  figures: ReturnType<typeof emptyFigures>
  scoreSum: number
}

async function orgsBatch(cp: Checkpoint, now: Date, size: number, report: RunReport): Promise<Checkpoint> {
  const { level, after } = cp.org
  if (level >= levelsUp.length) {
    await rankRoots(cp)
    return { ...cp, phase: 'done' }
  }
  const orgs = await rows<OrgDoc>(
    collection('orgs')
      .where(after ? { level: levelsUp[level], _id: _.gt(after) } : { level: levelsUp[level] })
      .orderBy('_id', 'asc')
      .limit(size)
  )
  if (orgs.length === 0) return { ...cp, org: { level: level + 1, after: null } }
  const ids = orgs.map((o) => o._id)
  const own = new Map<string, Agg>()
  const children = new Map<string, OrgStatsDoc[]>()
  const key = (orgId: string, period: string) => `${orgId}|${period}`
  await Promise.all(
    orgs.map(async (org) => {
      let afterId: string | null = null
      for (;;) {
        const where: Record<string, unknown> = { orgId: org._id, period: _.in(cp.periods), ...(afterId ? { _id: _.gt(afterId) } : {}) }
        const page: CadreScoreDoc[] = await rows(
          collection('cadreScores').where(where).field({ period: true, figures: true, score: true, cycle: true }).orderBy('_id', 'asc').limit(1000)
        )
        for (const d of page) {
          if ((d.cycle ?? '') < cp.cycle) continue
          const k = key(org._id, d.period)
          const a = own.get(k) ?? { figures: emptyFigures(), scoreSum: 0 }
          own.set(k, { figures: addFigures(a.figures, d.figures), scoreSum: a.scoreSum + d.score })
        }
        if (page.length < 1000) break
        afterId = page[page.length - 1]._id
      }
    })
  )
  if (level > 0) {
    const kids = await allRows<OrgStatsDoc>({ parentId: _.in(ids), period: _.in(cp.periods) }, 'orgStats', null)
    for (const k of kids) {
      const list = children.get(key(k.parentId!, k.period)) ?? []
      list.push(k)
      children.set(key(k.parentId!, k.period), list)
    }
  }
  const prevRank = new Map(
    (await rows<OrgStatsDoc>(collection('orgStats').where({ _id: _.in(ids.flatMap((id) => cp.periods.map((p) => orgStatsId(id, p)))) }).field({ rank: true }).limit(1000))).map((d) => [d._id, d.rank])
  )
  const writes: unknown[] = []
  for (const org of orgs) {
    for (const period of cp.periods) {
      const k = key(org._id, period)
      const mine = own.get(k) ?? { figures: emptyFigures(), scoreSum: 0 }
      let figures = mine.figures
      let scoreSum = mine.scoreSum
      const kids = children.get(k) ?? []
      for (const c of kids) {
        figures = addFigures(figures, c.figures)
        scoreSum += c.scoreSum ?? 0
      }
      // Children ranked among themselves, in the same order the units page reads them.
      kids.sort(compareBySortKey)
      kids.forEach((c, i) => {
        if (c.rank !== i + 1) writes.push(collection('orgStats').doc(c._id).update({ data: { rank: i + 1 } }))
      })
      const cadres = figures.cadres
      const meanScore = cadres > 0 ? Math.round((scoreSum / cadres) * 10) / 10 : null
      const share = satisfiedShare(figures)
      const _id = orgStatsId(org._id, period)
      const doc: Omit<OrgStatsDoc, '_id'> = {
        orgId: org._id,
        orgName: org.name,
        parentId: org.parentId,
        orgPath: org.path,
        system: org.system,
        level: org.level,
        period,
        periodKind: periodKind(period),
        figures,
        meanScore,
        cadres,
        satisfiedShare: share,
        sortKey: unitSortKey(meanScore, share, org._id),
        rank: prevRank.get(_id) ?? null,
        scoreSum: Math.round(scoreSum * 10) / 10,
        cycle: cp.cycle,
        updatedAt: now
      }
      writes.push(collection('orgStats').doc(_id).set({ data: doc }))
    }
  }
  for (let i = 0; i < writes.length; i += 20) await Promise.all(writes.slice(i, i + 20))
  report.orgs += orgs.length
  return { ...cp, org: { level, after: orgs[orgs.length - 1]._id }, orgs: cp.orgs + orgs.length }
}

/** The provinces (roots) ranked among themselves, per period. */
async function rankRoots(cp: Checkpoint): Promise<void> {
  const roots = await rows<OrgStatsDoc>(collection('orgStats').where({ parentId: null, period: _.in(cp.periods) }).field({ period: true, sortKey: true, rank: true }).limit(1000))
  for (const period of cp.periods) {
    const list = roots.filter((r) => r.period === period).sort(compareBySortKey)
    await Promise.all(list.map((r, i) => (r.rank === i + 1 ? null : collection('orgStats').doc(r._id).update({ data: { rank: i + 1 } }))))
  }
}
