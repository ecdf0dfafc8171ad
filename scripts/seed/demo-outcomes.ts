/**
 * Demo outcomes for `npm start`: a small deterministic set of demands, residents' ratings and 差评
 * cases for every demo cadre, in the days before `now`, with the serviceStats they imply folded by the same
 * rules the handlers use (cloudfunctions/_lib/stat-rules.ts) — so the nightly reconciliation finds nothing to
 * repair — and then the rankings job run once, so the demo shows real rankings and a 表彰 list to publish.
 *
 * Separate from the shared demo dataset (scripts/seed/demo-data.ts) and not part of `seed()`: tests that count
 * a demo cadre's ratings keep seeing none. Idempotent: fixed _ids, written only when missing.
 */
import type { DemandDoc, RatingDoc, CaseDoc, ServiceStatsDoc } from '@/cloudfunctions/_lib/service'
import {
  addDelta,
  demandClosedDelta,
  demandFinishedDelta,
  demandRaisedDelta,
  ratedDelta,
  rectifiedDelta,
  revisitDelta,
  type StatDelta
} from '@/cloudfunctions/_lib/stat-rules'
import type { RatingLevel } from '@/types/enums'
import { beijingDate, beijingMonth, beijingStartOf, beijingYear } from '@/types/rules/beijing-time'
import { levelScores } from '@/types/rules/service'
import { buildDemoData, demoAccounts } from './demo-data'
import { connectSdk } from '../sdk'
import { createMissing } from './index'

export interface DemoOutcomes {
  demands: DemandDoc[]
  ratings: RatingDoc[]
  badReviewCases: CaseDoc[]
  serviceStats: ServiceStatsDoc[]
}

const HOUR = 3_600_000
/** Ratings' levels in turn; the demo cadre gets only the first four (满意 throughout: on the 表彰 list). */
const levelCycle: RatingLevel[] = ['verySatisfied', 'satisfied', 'verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'verySatisfied']

export function buildDemoOutcomes(now: Date): DemoOutcomes {
  const demo = buildDemoData()
  const out: DemoOutcomes = { demands: [], ratings: [], badReviewCases: [], serviceStats: [] }
  const stats = new Map<string, { owner: { cadreId: string; orgId: string; orgPath: string[] }; counts: Map<string, StatDelta> }>()
  const bump = (owner: { cadreId: string; orgId: string; orgPath: string[] }, at: Date | { month: string; year: number }, delta: StatDelta) => {
    const s = stats.get(owner.cadreId) ?? { owner, counts: new Map() }
    addDelta(s.counts, at, delta)
    stats.set(owner.cadreId, s)
  }
  // The demo's outcomes spread over the 60 hours before now, squeezed (every span alike, so what was late stays
  // late) into this Beijing month when it began less than that ago: on the 1st they would otherwise all land in
  // last month, and the demo's month, its ranking and its 表彰 list would be empty.
  const sinceMonthStart = now.getTime() - beijingStartOf(`${beijingMonth(now)}-01`).getTime()
  const squeeze = Math.max(0, Math.min(1, (sinceMonthStart - 1000) / (61 * HOUR)))
  const dur = (hours: number) => hours * HOUR * squeeze
  const at = (hoursAgo: number) => new Date(now.getTime() - dur(hoursAgo))

  const cadres = demo.users.filter((u) => u.role === 'cadre')
  cadres.forEach((c, i) => {
    const owner = { cadreId: c._id, orgId: c.orgId, orgPath: c.orgPath }
    const star = c.openid === demoAccounts.cadre
    // The demo cadre: 6 rated demands, enough (5) for satisfaction to be scored and for the 表彰 list.
    const solved = star ? 6 : 1 + (i % 4)
    for (let k = 0; k < solved; k++) {
      const created = at(40 - k * 2)
      const finished = at(30 - k * 2)
      const late = !star && k === 0 && i % 3 === 1
      const deadline = new Date(created.getTime() + dur(late ? 1 : 48))
      const path = (['immediate', 'coordinate', 'immediate', 'report'] as const)[k % 4]
      const _id = `demo-dm-${c._id}-${k + 1}`
      const level = star ? levelCycle[k % 4] : levelCycle[(i + k) % levelCycle.length]
      const rated = at(20 - k)
      const ratingId = `demo-rt-${c._id}-${k + 1}`
      const bad = level === 'dissatisfied'
      const demand: DemandDoc = {
        _id,
        source: 'cadre',
        visitId: null,
        viaScene: null,
        residentOpenid: null,
        cadreId: c._id,
        cadreName: c.name,
        orgId: c.orgId,
        orgPath: c.orgPath,
        area: (['living', 'employment', 'living', 'other'] as const)[k % 4] as DemandDoc['area'],
        urgency: 'general',
        text: ['楼道灯坏了', '孩子入学咨询', '小区门口积水', '老人就医报销'][k % 4],
        contact: null,
        status: 'closed',
        active: false,
        path,
        plannedPath: null,
        department: path === 'coordinate' ? '街道办' : null,
        deadlineAt: deadline,
        finishedAt: finished,
        closedAt: finished,
        reply: '已经办好，已告诉群众',
        supervised: 0,
        timeline: [
          { kind: 'raised', at: created, by: c._id, byName: c.name, byRole: 'cadre' },
          { kind: 'rated', at: rated, by: 'resident', byName: '群众', byRole: 'resident' }
        ] as DemandDoc['timeline'],
        sceneCode: null,
        rating: { level },
        createdAt: created,
        updatedAt: rated
      }
      out.demands.push(demand)
      bump(owner, created, demandRaisedDelta([demand.area]))
      bump(owner, finished, demandFinishedDelta(path, finished.getTime() > deadline.getTime()))
      bump(owner, finished, demandClosedDelta())

      const rating: RatingDoc = {
        _id: ratingId,
        targetKind: 'demand',
        targetId: _id,
        raterOpenid: `demo-resident-${i}-${k}`,
        scene: `demo${i}x${k}`,
        cadreId: c._id,
        cadreName: c.name,
        orgId: c.orgId,
        orgPath: c.orgPath,
        level,
        score: levelScores[level],
        tags: bad ? ['问题没解决'] : ['服务态度好'],
        comment: null,
        contactPhone: null,
        followUp: null,
        flagged: false,
        voided: null,
        appeal: null,
        appealPending: false,
        caseId: bad ? `case_${ratingId}` : null,
        date: beijingDate(rated),
        month: beijingMonth(rated),
        year: beijingYear(rated),
        createdAt: rated
      }
      out.ratings.push(rating)
      bump(owner, { month: rating.month, year: rating.year }, ratedDelta({ targetKind: 'demand', level, flagged: false }))
      if (bad) {
        const revisited = i % 2 === 0
        const rectified = revisited && i % 3 === 0
        const c1: CaseDoc = {
          _id: `case_${ratingId}`,
          ratingId,
          targetKind: 'demand',
          targetId: _id,
          cadreId: c._id,
          cadreName: c.name,
          orgId: c.orgId,
          orgPath: c.orgPath,
          level,
          tags: rating.tags,
          comment: null,
          contactPhone: null,
          status: rectified ? 'rectified' : revisited ? 'rectifying' : 'revisit',
          active: !rectified,
          revisitDueAt: new Date(rated.getTime() + 24 * HOUR),
          rectifyDueAt: new Date(rated.getTime() + 15 * 24 * HOUR),
          revisit: revisited ? { at: new Date(rated.getTime() + dur(2)), note: '已电话回访', onTime: true, by: 'demo', byName: '管理员' } : null,
          rectification: rectified ? { at: new Date(rated.getTime() + dur(4)), result: '已整改到位', onTime: true, by: 'demo', byName: '管理员' } : null,
          fixRating: null,
          month: rating.month,
          year: rating.year,
          createdAt: rated
        }
        out.badReviewCases.push(c1)
        if (revisited) bump(owner, { month: c1.month, year: c1.year }, revisitDelta(true))
        if (rectified) bump(owner, { month: c1.month, year: c1.year }, rectifiedDelta(true))
      }
    }
    // Every fifth cadre has a demand open past its deadline (通报: 诉求超期).
    if (!star && i % 5 === 0) {
      const created = at(60)
      out.demands.push({
        ...out.demands[out.demands.length - 1],
        _id: `demo-dm-${c._id}-open`,
        text: '路面塌陷要修',
        status: 'open',
        active: true,
        path: null,
        department: null,
        deadlineAt: new Date(created.getTime() + dur(24)),
        finishedAt: null,
        closedAt: null,
        reply: null,
        timeline: [{ kind: 'raised', at: created, by: c._id, byName: c.name, byRole: 'cadre' }] as DemandDoc['timeline'],
        rating: null,
        createdAt: created,
        updatedAt: created
      })
      bump(owner, created, demandRaisedDelta([out.demands[out.demands.length - 1].area]))
    }
  })
  for (const { owner, counts } of stats.values()) {
    for (const [period, c] of counts) out.serviceStats.push({ _id: `${owner.cadreId}_${period}`, ...owner, period, counts: c, updatedAt: now })
  }
  return out
}

/**
 * Writes the demo outcomes that are missing (a second `npm start` keeps the first one's, and whatever was done
 * with them since, with the statistics they moved) and runs the rankings job until its cycle is done.
 */
export async function seedOutcomes(url: string, now = new Date()): Promise<{ docs: number; ranked: boolean }> {
  const cloud = connectSdk(url)
  const db = cloud.database()
  const data = buildDemoOutcomes(now)
  let docs = 0
  for (const name of Object.keys(data) as (keyof DemoOutcomes)[]) docs += await createMissing(db, name, data[name] as { _id: string }[])
  let ranked = false
  for (let runs = 0; runs < 10 && !ranked; runs++) {
    const res = (await cloud.callFunction({
      name: 'rankings',
      data: { action: 'run', now: now.toISOString(), force: runs === 0 },
      timeout: 120_000
    } as never)) as unknown as {
      result: { ok: boolean; data?: { done: boolean } }
    }
    ranked = !!res.result?.data?.done
  }
  return { docs, ranked }
}
