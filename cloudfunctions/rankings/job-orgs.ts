/**
 * Phase 3 of a rankings cycle: county → prefecture → province, one organisation at a time. Its own cadres'
 * cadreScores are added up a page at a time (index org_period), the running sums riding in the checkpoint, so a
 * county of any size is aggregated in the memory of one page and across as many runs as it takes; then its
 * children's orgStats (one document per child per period) are added and its own orgStats written, the children
 * ranked among themselves.
 */
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { allRows, rulesByOrg } from '../_lib/outcome-inputs'
import { compareBySortKey, satisfactionRuleText, unitSortKey } from '@/types/rules/score'
import {
  addFigures,
  emptyFigures,
  orgStatsId,
  periodKind,
  periodYear,
  satisfiedShare,
  type CadreScoreDoc,
  type OrgStatsDoc,
  type PeriodFigures
} from '@/types/outcomes'
import type { Checkpoint, RunReport } from './job'
import { byId } from '../_lib/by-id'

export const levelsUp = ['county', 'prefecture', 'province'] as const

export interface OrgAgg {
  figures: PeriodFigures
  scoreSum: number
}

/** The organisation being added up: its id, the last cadreScores _id read, and the sums so far per period. */
export interface OrgCursor {
  orgId: string
  /**
   * The org's own cadres' scores are read one period at a time (index org_period: orgId, period, _id): each page is
   * one index range walked in _id order. With all the cycle's periods in one `period IN` query the pages would come
   * from several ranges and have to be merged and sorted whole, every page re-reading the rest of the org.
   */
  p?: number
  afterDoc: string | null
  own: Record<string, OrgAgg>
}

/**
 * One batch: steps (pick the next org, read a page of its cadres' scores, finish it) until `page` cadreScores
 * documents (the job's batch size × 4: 200) have been read or some 35 orgs finished — small orgs share a batch, a big one spans batches. Only one page is
 * ever held; the sums ride in the checkpoint.
 */
export async function orgsBatch(cp: Checkpoint, now: Date, report: RunReport, page: number): Promise<Checkpoint> {
  let next = cp
  let read = 0
  for (let steps = 0; steps < 75 && read < page && next.phase === 'orgs'; steps++) {
    const step = await orgStep(next, now, report, page - read)
    next = step.cp
    read += step.read
  }
  return next
}

async function orgStep(cp: Checkpoint, now: Date, report: RunReport, limit: number): Promise<{ cp: Checkpoint; read: number }> {
  const { level, after, current } = cp.org
  if (level >= levelsUp.length) {
    await rankRoots(cp)
    return { cp: { ...cp, phase: 'done' }, read: 0 }
  }
  if (!current) {
    const [org] = await rows<OrgDoc>(
      collection('orgs')
        .where(after ? { level: levelsUp[level], _id: _.gt(after) } : { level: levelsUp[level] })
        .orderBy('_id', 'asc')
        .limit(1)
    )
    if (!org) return { cp: { ...cp, org: { level: level + 1, after: null, current: null } }, read: 0 }
    return { cp: { ...cp, org: { level, after, current: { orgId: org._id, p: 0, afterDoc: null, own: {} } } }, read: 0 }
  }
  const p = current.p ?? 0
  const where: Record<string, unknown> = { orgId: current.orgId, period: cp.periods[p], ...(current.afterDoc ? { _id: _.gt(current.afterDoc) } : {}) }
  const page = await rows<CadreScoreDoc>(
    collection('cadreScores').where(where).field({ period: true, figures: true, score: true, cycle: true }).orderBy('_id', 'asc').limit(limit)
  )
  const own = { ...current.own }
  for (const d of page) {
    if ((d.cycle ?? '') < cp.cycle) continue
    const a = own[d.period] ?? { figures: emptyFigures(), scoreSum: 0 }
    own[d.period] = { figures: addFigures(a.figures, d.figures), scoreSum: a.scoreSum + d.score }
  }
  if (page.length === limit)
    return { cp: { ...cp, org: { level, after, current: { ...current, p, afterDoc: page[page.length - 1]._id, own } } }, read: page.length }
  if (p + 1 < cp.periods.length) return { cp: { ...cp, org: { level, after, current: { ...current, p: p + 1, afterDoc: null, own } } }, read: page.length }
  await finishOrg(cp, current.orgId, own, now)
  report.orgs += 1
  return { cp: { ...cp, org: { level, after: current.orgId, current: null }, orgs: cp.orgs + 1 }, read: page.length + 1 }
}

/** Adds the children's orgStats to the org's own sums, writes its orgStats per period and ranks the children. */
async function finishOrg(cp: Checkpoint, orgId: string, own: Record<string, OrgAgg>, now: Date): Promise<void> {
  const [org, kids, prev] = await Promise.all([
    byId<OrgDoc>('orgs', orgId),
    allRows<OrgStatsDoc>('orgStats', { parentId: orgId, period: _.in(cp.periods) }, { period: true, figures: true, scoreSum: true, sortKey: true, rank: true }),
    rows<OrgStatsDoc>(
      collection('orgStats')
        .where({ _id: _.in(cp.periods.map((p) => orgStatsId(orgId, p))) })
        .field({ rank: true })
        .limit(cp.periods.length)
    )
  ])
  if (!org) return
  const years = [...new Set(cp.periods.map(periodYear))]
  const ruleText = new Map<number, string>()
  for (const y of years) ruleText.set(y, satisfactionRuleText((await rulesByOrg([org], y)).get(org._id)!))
  const prevRank = new Map(prev.map((d) => [d._id, d.rank]))
  const writes: (() => unknown)[] = []
  for (const period of cp.periods) {
    const mine = own[period] ?? { figures: emptyFigures(), scoreSum: 0 }
    let figures = mine.figures
    let scoreSum = mine.scoreSum
    const children = kids.filter((k) => k.period === period).sort(compareBySortKey)
    children.forEach((c, i) => {
      figures = addFigures(figures, c.figures)
      scoreSum += c.scoreSum ?? 0
      // Children ranked among themselves, in the same order the units page reads them.
      if (c.rank !== i + 1)
        writes.push(() =>
          collection('orgStats')
            .doc(c._id)
            .update({ data: { rank: i + 1 } })
        )
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
      satisfactionRule: ruleText.get(periodYear(period)),
      cycle: cp.cycle,
      updatedAt: now
    }
    writes.push(() => collection('orgStats').doc(_id).set({ data: doc }))
  }
  for (let i = 0; i < writes.length; i += 20) await Promise.all(writes.slice(i, i + 20).map((w) => w()))
}

/** The provinces (roots) ranked among themselves, per period. */
async function rankRoots(cp: Checkpoint): Promise<void> {
  const roots = await rows<OrgStatsDoc>(
    collection('orgStats')
      .where({ parentId: null, period: _.in(cp.periods) })
      .field({ period: true, sortKey: true, rank: true })
      .limit(1000)
  )
  for (const period of cp.periods) {
    const list = roots.filter((r) => r.period === period).sort(compareBySortKey)
    await Promise.all(
      list.map((r, i) =>
        r.rank === i + 1
          ? null
          : collection('orgStats')
              .doc(r._id)
              .update({ data: { rank: i + 1 } })
      )
    )
  }
}
