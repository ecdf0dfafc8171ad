/**
 * The bench's 群众点评 and ledger: ratings, the 差评 cases they open, ledger entries raised on visits in every state,
 * and the month/year serviceStats those writes would have kept (dataset.ts draws them on its visits).
 */
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { demandAreas, type RatingLevel } from '@/types/enums'
import type { VisitDoc } from '@/cloudfunctions/_lib/collections'
import {
  caseIdFor,
  ratingIdFor,
  statsDocId,
  type CaseDoc,
  type DemandDoc,
  type ExtensionDoc,
  type InvalidDoc,
  type RatingDoc,
  type ReportDoc,
  type SceneDoc,
  type ServiceStatsDoc,
  type TimelineDoc
} from '@/cloudfunctions/_lib/service'
import { demandFinishedDelta } from '@/cloudfunctions/_lib/stat-rules'
import { handledLate } from '@/types/rules/ledger'
import { endOfBeijingDay, workingDeadline } from '@/types/rules/working-days'
import {
  caseDeadlines,
  defaultServiceRules,
  demandDeadline,
  isBadLevel,
  levelScores,
  makeSceneCode,
  tagsByLevel,
  type SceneKind,
  type Urgency
} from '@/types/rules/service'
import { packageCalendar } from '@/cloudfunctions/_lib/holiday-data'
import { pick, rng } from './rng'
import type { BenchSize } from './sizes'

import { BATCH, VETERAN, chunks, type Batch, type Docs } from './common'

const DAY = 86_400_000
const HOUR = 3_600_000
/** Open or coordinating ledger entries per cadre at most: a cadre's open work is bounded, whatever their history. */
export const MAX_ACTIVE = 8
const levelWeights: [RatingLevel, number][] = [
  ['verySatisfied', 0.55],
  ['satisfied', 0.25],
  ['basicallySatisfied', 0.12],
  ['dissatisfied', 0.06],
  ['veryDissatisfied', 0.02]
]
const urgencyWeights: [Urgency, number][] = [
  ['urgent', 0.1],
  ['general', 0.7],
  ['complex', 0.2]
]
const departments = ['县住建局', '县人社局', '县教育局', '县卫健委', '乡镇政府']

function weighted<T>(random: () => number, table: [T, number][]): T {
  let r = random()
  for (const [v, w] of table) {
    if (r < w) return v
    r -= w
  }
  return table[table.length - 1][0]
}

/** A scene code as makeSceneCode draws it, from the seeded stream instead of crypto. */
function sceneCode(kind: SceneKind, random: () => number): string {
  return makeSceneCode(kind, (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256)))
}

type Owner = { cadreId: string; orgId: string; orgPath: string[] }

/**
 * Ratings (one resident per rated visit, within 3 days of it), the 差评 cases they open (rectified when
 * older than 20 days, 回访 done after a day), and one ledger entry per raised visit (`${visitId}_p1`, as the
 * visit record raises it) moved through the paths the demands function offers, with the month/year
 * serviceStats the same writes would have kept. Scene documents only for the veteran's rated visits and
 * closed demands: scenes are read by _id or by their unique (kind, targetId) key, so the rest would only
 * lengthen the load.
 */
export class ServiceGenerator {
  private readonly rateRandom: () => number
  private readonly demandRandom: () => number
  private readonly ratingP: number
  private readonly demandP: number
  private readonly stats = new Map<string, ServiceStatsDoc>()
  private readonly active = new Map<string, number>()
  private readonly out: Record<'ratings' | 'badReviewCases' | 'demands' | 'scenes', Docs> = { ratings: [], badReviewCases: [], demands: [], scenes: [] }

  constructor(
    size: BenchSize,
    private readonly now: Date,
    seed: number
  ) {
    this.rateRandom = rng(seed ^ 0x9e3779b9)
    this.demandRandom = rng(seed ^ 0x85ebca6b)
    this.ratingP = size.visits ? size.ratings / size.visits : 0
    this.demandP = size.visits ? size.demands / size.visits : 0
  }

  *onVisit(v: VisitDoc, i: number): Generator<Batch> {
    if (this.rateRandom() < this.ratingP) this.rate(v, i)
    if (this.demandRandom() < this.demandP) this.raise(v, i)
    yield* this.drain(false)
  }

  *flush(): Generator<Batch> {
    yield* this.drain(true)
    yield* chunks('serviceStats', [...this.stats.values()])
  }

  private *drain(all: boolean): Generator<Batch> {
    for (const [collection, docs] of Object.entries(this.out)) {
      while (docs.length >= BATCH || (all && docs.length)) yield { collection, docs: docs.splice(0, BATCH) }
    }
  }

  private bump(owner: Owner, at: Date, delta: Record<string, number>): void {
    for (const period of [beijingMonth(at), String(beijingYear(at))]) {
      const _id = statsDocId(owner.cadreId, period)
      let doc = this.stats.get(_id)
      if (!doc) this.stats.set(_id, (doc = { _id, cadreId: owner.cadreId, orgId: owner.orgId, orgPath: owner.orgPath, period, counts: {}, updatedAt: at }))
      for (const [k, n] of Object.entries(delta)) if (n) doc.counts[k] = ((doc.counts[k] as number | undefined) ?? 0) + n
      if (at > doc.updatedAt) doc.updatedAt = at
    }
  }

  /** Not later than now (a second ago), not earlier than `floor`. */
  private clamp(t: number, floor: Date): Date {
    return new Date(Math.max(floor.getTime(), Math.min(t, this.now.getTime() - 1000)))
  }

  private rate(v: VisitDoc, i: number): void {
    const random = this.rateRandom
    const owner: Owner = v
    const openid = `bench-resident-${i}`
    const createdAt = this.clamp(v.visitedAt.getTime() + Math.floor(random() * 3 * DAY), v.visitedAt)
    const level = weighted(random, levelWeights)
    const allowed = tagsByLevel[level]
    const tags = [...new Set([pick(random, allowed), ...(random() < 0.4 ? [pick(random, allowed)] : [])])]
    const bad = isBadLevel(level)
    const _id = ratingIdFor('visit', v._id, openid)
    const veteran = v.cadreId === VETERAN
    const scene = sceneCode('visit', random)
    if (veteran) this.scene({ _id: scene, kind: 'visit', targetId: v._id, ...pickOwner(v), createdAt: createdAt })
    const rating: RatingDoc = {
      _id,
      targetKind: 'visit',
      targetId: v._id,
      raterOpenid: openid,
      scene,
      cadreId: v.cadreId,
      cadreName: v.cadreName,
      orgId: v.orgId,
      orgPath: v.orgPath,
      level,
      score: levelScores[level],
      tags,
      comment: random() < 0.3 ? '干部来得及时，讲得清楚' : null,
      contactPhone: null,
      followUp: null,
      flagged: false,
      voided: null,
      appeal: null,
      appealPending: false,
      caseId: bad ? caseIdFor(_id) : null,
      date: beijingDate(createdAt),
      month: beijingMonth(createdAt),
      year: beijingYear(createdAt),
      createdAt
    }
    this.out.ratings.push(rating as unknown as Docs[number])
    this.bump(owner, createdAt, { ratings: 1, [`level.${level}`]: 1, scoreSum: levelScores[level], bad: bad ? 1 : 0, cases: bad ? 1 : 0 })
    if (!bad) return

    const due = caseDeadlines(createdAt, defaultServiceRules, packageCalendar)
    const age = this.now.getTime() - createdAt.getTime()
    const revisitAt = age > DAY ? this.clamp(createdAt.getTime() + 4 * HOUR, createdAt) : null
    const rectifiedAt = age > 20 * DAY ? new Date(createdAt.getTime() + 5 * DAY) : null
    const by = { by: 'demo-manager', byName: '管理员' }
    const c: CaseDoc = {
      _id: caseIdFor(_id),
      ratingId: _id,
      targetKind: 'visit',
      targetId: v._id,
      cadreId: v.cadreId,
      cadreName: v.cadreName,
      orgId: v.orgId,
      orgPath: v.orgPath,
      level,
      tags,
      comment: rating.comment,
      contactPhone: null,
      status: rectifiedAt ? 'rectified' : revisitAt ? 'rectifying' : 'revisit',
      active: !rectifiedAt,
      ...due,
      revisit: revisitAt ? { at: revisitAt, note: '已电话回访，了解情况', onTime: revisitAt <= due.revisitDueAt, ...by } : null,
      rectification: rectifiedAt ? { at: rectifiedAt, result: '已整改并告知群众', onTime: rectifiedAt <= due.rectifyDueAt, ...by } : null,
      fixRating: null,
      month: rating.month,
      year: rating.year,
      createdAt
    }
    this.out.badReviewCases.push(c as unknown as Docs[number])
    if (c.revisit) this.bump(owner, createdAt, { revisitOnTime: c.revisit.onTime ? 1 : 0, revisitLate: c.revisit.onTime ? 0 : 1 })
    if (c.rectification) this.bump(owner, createdAt, { rectified: 1, rectifiedOnTime: c.rectification.onTime ? 1 : 0 })
  }

  private raise(v: VisitDoc, i: number): void {
    const random = this.demandRandom
    const owner: Owner = v
    const createdAt = v.visitedAt
    const area = pick(random, demandAreas.ids)
    const urgency = weighted(random, urgencyWeights)
    const deadlineAt = demandDeadline(createdAt, urgency, defaultServiceRules, packageCalendar)
    const recent = this.now.getTime() - createdAt.getTime() <= 30 * DAY
    const r = random()
    // What became of it: open, handed to a department, solved, reported, and whether the person was told.
    // History grows, open work does not: at most MAX_ACTIVE open or coordinating entries per cadre, all recent.
    const active = this.active.get(v.cadreId) ?? 0
    // Recent reports wait for their unit; older ones were answered. A few entries were set aside as spam.
    let fate: DemandDoc['status'] = recent
      ? r < 0.3
        ? 'open'
        : r < 0.5
          ? 'coordinating'
          : r < 0.62
            ? 'solved'
            : r < 0.67
              ? 'reported'
              : r < 0.69
                ? 'invalid'
                : 'closed'
      : r < 0.83
        ? 'closed'
        : r < 0.93
          ? 'solved'
          : r < 0.97
            ? 'answered'
            : 'invalid'
    if ((fate === 'open' || fate === 'coordinating') && active >= MAX_ACTIVE) fate = 'closed'
    if (fate === 'open' || fate === 'coordinating') this.active.set(v.cadreId, active + 1)
    const path =
      fate === 'open' || fate === 'invalid'
        ? null
        : fate === 'coordinating'
          ? 'coordinate'
          : fate === 'reported' || fate === 'answered'
            ? 'report'
            : random() < 0.65
              ? 'immediate'
              : random() < 0.85
                ? 'coordinate'
                : 'report'
    const cadre = { by: v.cadreId, byName: v.cadreName, byRole: 'cadre' as const }
    const timeline: TimelineDoc[] = [{ kind: 'raised', at: createdAt, ...cadre }]
    const step = (kind: TimelineDoc['kind'], after: Date, ms: number, note: string) => {
      const at = this.clamp(after.getTime() + ms, after)
      timeline.push({ kind, at, ...cadre, note })
      return at
    }
    let department: string | null = null
    let finishedAt: Date | null = null
    let report: ReportDoc | null = null
    let extensions: ExtensionDoc[] = []
    let invalid: InvalidDoc | null = null
    if (path === 'immediate') finishedAt = step('resolved', createdAt, HOUR, '当场协调解决')
    if (path === 'coordinate') {
      department = pick(random, departments)
      const assigned = step('assigned', createdAt, 2 * HOUR, `转${department}协调办理`)
      if (fate !== 'coordinating') finishedAt = step('finished', assigned, Math.floor(random() * 12 * DAY), `${department}已办结`)
      else if (random() < 0.2) {
        // A fifth of those being coordinated wait for a manager's decision on an extension.
        const requestedAt = step('extensionRequested', assigned, HOUR, '申请延期：部门排期')
        const until = beijingDate(new Date(deadlineAt.getTime() + 5 * DAY))
        extensions = [
          {
            until,
            untilAt: endOfBeijingDay(until),
            reason: '部门排期',
            status: 'pending',
            requestedAt,
            by: v.cadreId,
            byName: v.cadreName,
            decidedAt: null,
            decidedBy: null,
            decidedByName: null,
            decisionReason: null
          }
        ]
      }
    }
    if (path === 'report') {
      department = '县总工会'
      const at = step('reported', createdAt, DAY, '上报县总工会：超出本级职权；向群众解释：已反映，等待答复')
      const answered = fate !== 'reported'
      const answeredAt = answered ? this.clamp(at.getTime() + 3 * DAY, at) : null
      report = {
        toOrgId: v.orgId,
        toOrgName: department,
        toOrgPath: v.orgPath,
        reason: '超出本级职权',
        explanation: '已反映，等待答复',
        at,
        by: v.cadreId,
        byName: v.cadreName,
        state: answered ? 'answered' : 'sent',
        answerDueAt: workingDeadline(at, 7, packageCalendar),
        receivedAt: answeredAt,
        receivedByName: answered ? '管理员' : null,
        answeredAt,
        answeredBy: answered ? 'demo-manager' : null,
        answeredByName: answered ? '管理员' : null,
        answer: answered ? '已协调，按政策办理' : null
      }
      if (answeredAt) {
        timeline.push({ kind: 'answered', at: answeredAt, by: 'demo-manager', byName: '管理员', byRole: 'manager', note: '已协调，按政策办理' })
        finishedAt = answeredAt
      }
    }
    if (fate === 'invalid') {
      const at = step('invalidated', createdAt, HOUR, '无效信息：广告')
      invalid = { kind: 'spam', duplicateOf: null, reason: '广告', at, by: v.cadreId, byName: v.cadreName, fromStatus: 'open' }
    }
    const closedAt = fate === 'closed' && finishedAt ? step('closed', finishedAt, 2 * HOUR, '已告知群众办理结果') : null
    const status = fate === 'closed' && !closedAt ? 'solved' : fate
    const sceneCodeOf = closedAt ? sceneCode('demand', random) : null
    const phone = random() < 0.5 ? `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null
    const waiting = status === 'reported'
    const pending = extensions.length > 0
    const d: DemandDoc = {
      _id: `${v._id}_p1`,
      source: 'visit',
      visitId: v._id,
      viaScene: null,
      residentOpenid: null,
      cadreId: v.cadreId,
      cadreName: v.cadreName,
      orgId: v.orgId,
      orgPath: v.orgPath,
      area,
      urgency,
      text: `${demandAreas.labels[area]}方面的困难（第 ${i} 次走访时反映）`,
      contact: phone ? { name: '群众', phone } : null,
      status,
      active: status === 'open' || status === 'coordinating',
      path,
      plannedPath: null,
      department,
      deadlineAt,
      firstDeadlineAt: deadlineAt,
      extensions,
      extensionPending: pending,
      extensionRequestedAt: pending ? extensions[0].requestedAt : null,
      report,
      reportTo: waiting ? v.orgId : null,
      reportWaiting: waiting,
      reportedAt: waiting ? report!.at : null,
      invalid,
      finishedAt,
      closedAt,
      reply: closedAt ? '已告知群众办理结果' : null,
      supervised: 0,
      timeline,
      sceneCode: sceneCodeOf,
      rating: null,
      createdAt,
      updatedAt: timeline[timeline.length - 1].at
    }
    this.out.demands.push(d as unknown as Docs[number])
    if (sceneCodeOf && v.cadreId === VETERAN) this.scene({ _id: sceneCodeOf, kind: 'demand', targetId: d._id, ...pickOwner(v), createdAt: closedAt! })
    // The handlers' own rules: raised (or set aside) when raised, handled when done (late by types/rules/ledger.ts), told.
    this.bump(owner, createdAt, invalid ? { invalid: 1 } : { demandsRaised: 1 })
    if (finishedAt && path) this.bump(owner, finishedAt, demandFinishedDelta(path, handledLate(d)))
    if (closedAt) this.bump(owner, closedAt, { closed: 1 })
  }

  private scene(s: SceneDoc): void {
    this.out.scenes.push(s as unknown as Docs[number])
  }
}

const pickOwner = (v: Owner) => ({ cadreId: v.cadreId, orgId: v.orgId, orgPath: v.orgPath })
