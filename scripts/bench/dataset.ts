/**
 * Generates a bench dataset on top of the demo organisations: N cadres with a liaison point each,
 * V visits over the last two years (a tenth of them on one "veteran" cadre, so per-cadre reads
 * face a long history), the day and year statistics those visits imply, and 五必访 households.
 * On the same visits: 群众点评 (one resident each, within the rating window) with the 差评 cases they
 * open, ledger entries raised on visits in every state, and the month/year serviceStats both imply —
 * the documents the ratings and demands functions write, so the measured queries use the same indexes.
 * Deterministic for a seed (ratings and demands draw from their own streams, so the visits are the same
 * with or without them); produced in batches so a million visits never sit in memory at once.
 *
 * generatePopulation() is the reminders sender's separate dataset: cadres, their year's visitStats and
 * subscribe-message quota only.
 */
import { beijingDate, beijingMonth, beijingYear, expectedByToday } from '../../types/rules/beijing-time'
import { demandAreas, fiveMustVisit, fourInto, type RatingLevel } from '../../types/enums'
import type { HouseholdDoc, LiaisonPointDoc, UserDoc, VisitDayDoc, VisitDoc, VisitStatsDoc } from '../../cloudfunctions/_lib/collections'
import { caseIdFor, ratingIdFor, statsDocId, type CaseDoc, type DemandDoc, type ExtensionDoc, type InvalidDoc, type RatingDoc, type ReportDoc, type SceneDoc, type ServiceStatsDoc, type TimelineDoc } from '../../cloudfunctions/_lib/service'
import { demandFinishedDelta } from '../../cloudfunctions/_lib/stat-rules'
import { handledLate } from '../../types/rules/ledger'
import { endOfBeijingDay, workingDeadline } from '../../types/rules/working-days'
import type { ReminderDoc, SubscriptionDoc } from '../../cloudfunctions/reminders/shared'
import { caseDeadlines, defaultServiceRules, demandDeadline, isBadLevel, levelScores, makeSceneCode, tagsByLevel, type SceneKind, type Urgency } from '../../types/rules/service'
import { packageCalendar } from '../../cloudfunctions/_lib/holiday-data'
import { DAYS_TARGET } from '../../types/rules/check-in'
import { isoWeek, reminderKey, render, templateId } from '../../types/reminders'
import { buildDemoData } from '../seed/demo-data'
import { pick, rng } from './rng'
import { benchSurvey } from './survey-data'
import type { BenchSize } from './sizes'

export const VETERAN = 'bench-cadre-0'
export const veteranOpenid = `openid-${VETERAN}`
/** A cadre with exactly LIGHT_VISITS earlier visits at every size: check-in cost must not depend on history. */
export const LIGHT = 'bench-light'
export const lightOpenid = `openid-${LIGHT}`
export const LIGHT_VISITS = 10
export const BATCH = 1000

type Docs = Array<Record<string, unknown> & { _id: string }>

export interface Batch {
  collection: string
  docs: Docs
}

const DAY = 86_400_000

export function* generate(size: BenchSize, now: Date, seed = 20121231): Generator<Batch> {
  const random = rng(seed)
  const counties = buildDemoData().orgs.filter((o) => o.level === 'county')
  const cadres: UserDoc[] = []
  const points: LiaisonPointDoc[] = []
  for (let i = 0; i < size.cadres; i++) {
    const org = counties[i % counties.length]
    const id = `bench-cadre-${i}`
    cadres.push({ _id: id, openid: `openid-${id}`, name: `干部${i}`, role: 'cadre', title: '干事', orgId: org._id, orgPath: org.path, createdAt: now })
    points.push({
      _id: `bench-point-${i}`,
      name: `联系点${i}`,
      kind: pick(random, fourInto.ids),
      address: `${org.name}辖区`,
      location: { lat: 36.2 + random(), lng: 100.8 + random() * 1.8 },
      radiusM: 500,
      orgId: org._id,
      cadreId: id,
      createdAt: now
    })
  }
  const lightOrg = counties[0]
  const light: UserDoc = { _id: LIGHT, openid: lightOpenid, name: '新干部', role: 'cadre', title: '干事', orgId: lightOrg._id, orgPath: lightOrg.path, createdAt: now }
  const lightPoint: LiaisonPointDoc = { ...points[0], _id: 'bench-light-point', name: '新联系点', cadreId: LIGHT }
  yield* chunks('users', [...cadres, light])
  yield* chunks('liaisonPoints', [...points, lightPoint])

  const households: HouseholdDoc[] = []
  for (let i = 0; i < size.households; i++) {
    const cadre = cadres[i % cadres.length]
    const visited = random() < 0.6
    households.push({
      _id: `bench-household-${i}`,
      kind: pick(random, fiveMustVisit.ids),
      displayName: `${i}号户`,
      area: '一组',
      cadreId: cadre._id,
      orgId: cadre.orgId,
      orgPath: cadre.orgPath,
      lastVisitAt: visited ? new Date(now.getTime() - Math.floor(random() * 300) * DAY) : null,
      visitsYear: visited ? beijingYear(now) : null,
      visitsInYear: visited ? 1 + Math.floor(random() * 5) : 0,
      visited,
      createdAt: now
    })
  }
  yield* chunks('households', households)

  // Visits, newest history last; days and stats accumulated as they go (small: one entry per cadre-day).
  const days = new Map<string, VisitDayDoc>()
  const stats = new Map<string, VisitStatsDoc>()
  const service = new ServiceGenerator(size, now, seed)
  let batch: Docs = []
  for (let i = 0; i < size.visits + LIGHT_VISITS; i++) {
    const isLight = i >= size.visits
    const cadre = isLight ? light : i % 10 === 0 ? cadres[0] : cadres[1 + (i % Math.max(1, cadres.length - 1))] ?? cadres[0]
    const point = isLight ? lightPoint : points[Number(cadre._id.slice('bench-cadre-'.length))]
    const visitedAt = new Date(now.getTime() - Math.floor(random() * 730 * DAY))
    const date = beijingDate(visitedAt)
    const year = beijingYear(visitedAt)
    const month = beijingMonth(visitedAt)
    const visit: VisitDoc = {
      _id: `${cadre._id}_bench-${i}`,
      submissionId: `bench-${i}`,
      cadreId: cadre._id,
      cadreName: cadre.name,
      orgId: cadre.orgId,
      orgPath: cadre.orgPath,
      pointId: point._id,
      pointName: point.name,
      pointKind: point.kind,
      location: point.location,
      accuracyM: 20,
      distanceM: Math.floor(random() * 300),
      radiusM: 500,
      inside: true,
      capturedAt: visitedAt,
      deviceNow: visitedAt,
      receivedAt: visitedAt,
      visitedAt,
      date,
      month,
      year,
      offline: false,
      status: 'counted',
      flags: [],
      clockSkewMs: 0,
      maxSpeedKmh: null,
      photos: [],
      reply: { dayAdded: false, days: 0, message: '' },
      createdAt: visitedAt
    }
    batch.push(visit as unknown as Docs[number])
    if (!isLight) yield* service.onVisit(visit, i)
    const dayId = `${cadre._id}_${date}`
    const day = days.get(dayId)
    if (day) day.visits += 1
    else days.set(dayId, { _id: dayId, cadreId: cadre._id, date, year, month, visits: 1, firstVisitId: visit._id, createdAt: visitedAt })
    const statId = `${cadre._id}_${year}`
    const stat =
      stats.get(statId) ??
      stats
        .set(statId, {
          _id: statId,
          cadreId: cadre._id,
          orgId: cadre.orgId,
          orgPath: cadre.orgPath,
          year,
          days: 0,
          daysByMonth: {},
          visits: 0,
          visitsByMonth: {},
          visitsByKind: {},
          visitsByMonthKind: {},
          fieldworkByMonth: {},
          fieldworkPending: 0,
          fieldworkApproved: 0,
          fieldworkRejected: 0,
          updatedAt: now
        })
        .get(statId)!
    const mm = month.slice(5)
    stat.visits += 1
    stat.visitsByMonth[mm] = (stat.visitsByMonth[mm] ?? 0) + 1
    stat.visitsByKind[point.kind] = (stat.visitsByKind[point.kind] ?? 0) + 1
    stat.visitsByMonthKind![`${month}_${point.kind}`] = (stat.visitsByMonthKind![`${month}_${point.kind}`] ?? 0) + 1
    if (!day) {
      stat.days += 1
      stat.daysByMonth[mm] = (stat.daysByMonth[mm] ?? 0) + 1
    }
    if (batch.length === BATCH) {
      yield { collection: 'visits', docs: batch }
      batch = []
    }
  }
  if (batch.length) yield { collection: 'visits', docs: batch }
  yield* chunks('visitDays', [...days.values()])
  yield* chunks('visitStats', [...stats.values()])
  yield* service.flush()
  yield* chunks('reminders', veteranReminders(cadres[0], now))
  const questionnaire = benchSurvey(cadres[0], counties[0].name, size.surveyAnswers, now, seed)
  yield* chunks('surveys', [questionnaire.survey])
  yield* chunks('surveyAnswers', questionnaire.answers)
}

function* chunks(collection: string, docs: object[]): Generator<Batch> {
  for (let i = 0; i < docs.length; i += BATCH) yield { collection, docs: docs.slice(i, i + BATCH) as Docs }
}

// ---------------------------------------------------------------- ratings, cases, demands, serviceStats

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
class ServiceGenerator {
  private readonly rateRandom: () => number
  private readonly demandRandom: () => number
  private readonly ratingP: number
  private readonly demandP: number
  private readonly stats = new Map<string, ServiceStatsDoc>()
  private readonly active = new Map<string, number>()
  private readonly out: Record<'ratings' | 'badReviewCases' | 'demands' | 'scenes', Docs> = { ratings: [], badReviewCases: [], demands: [], scenes: [] }

  constructor(size: BenchSize, private readonly now: Date, seed: number) {
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
      ? r < 0.3 ? 'open' : r < 0.5 ? 'coordinating' : r < 0.62 ? 'solved' : r < 0.67 ? 'reported' : r < 0.69 ? 'invalid' : 'closed'
      : r < 0.83 ? 'closed' : r < 0.93 ? 'solved' : r < 0.97 ? 'answered' : 'invalid'
    if ((fate === 'open' || fate === 'coordinating') && active >= MAX_ACTIVE) fate = 'closed'
    if (fate === 'open' || fate === 'coordinating') this.active.set(v.cadreId, active + 1)
    const path =
      fate === 'open' || fate === 'invalid' ? null
        : fate === 'coordinating' ? 'coordinate'
          : fate === 'reported' || fate === 'answered' ? 'report'
            : random() < 0.65 ? 'immediate' : random() < 0.85 ? 'coordinate' : 'report'
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
        extensions = [{ until, untilAt: endOfBeijingDay(until), reason: '部门排期', status: 'pending', requestedAt, by: v.cadreId, byName: v.cadreName, decidedAt: null, decidedBy: null, decidedByName: null, decisionReason: null }]
      }
    }
    if (path === 'report') {
      department = '县总工会'
      const at = step('reported', createdAt, DAY, '上报县总工会：超出本级职权；向群众解释：已反映，等待答复')
      const answered = fate !== 'reported'
      const answeredAt = answered ? this.clamp(at.getTime() + 3 * DAY, at) : null
      report = {
        toOrgId: v.orgId, toOrgName: department, toOrgPath: v.orgPath, reason: '超出本级职权', explanation: '已反映，等待答复', at, by: v.cadreId, byName: v.cadreName,
        state: answered ? 'answered' : 'sent', answerDueAt: workingDeadline(at, 7, packageCalendar), receivedAt: answeredAt, receivedByName: answered ? '管理员' : null,
        answeredAt, answeredBy: answered ? 'demo-manager' : null, answeredByName: answered ? '管理员' : null, answer: answered ? '已协调，按政策办理' : null
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

/** The veteran's reminder center: a weekly pace reminder for two years, the last three unread (same at every size). */
export const VETERAN_REMINDERS = 104
function veteranReminders(cadre: UserDoc, now: Date): ReminderDoc[] {
  const docs: ReminderDoc[] = []
  for (let w = 0; w < VETERAN_REMINDERS; w++) {
    const createdAt = new Date(now.getTime() - w * 7 * DAY - 2 * HOUR)
    const subject = String(beijingYear(createdAt))
    const period = isoWeek(createdAt)
    const sent = w % 2 === 0
    const rendered = render('pace', { cadreName: cadre.name, days: 20, expected: 40, target: DAYS_TARGET })
    docs.push({
      _id: reminderKey(cadre.openid, 'pace', subject, period),
      openid: cadre.openid,
      userId: cadre._id,
      kind: 'pace',
      subject,
      period,
      ...rendered,
      read: w >= 3,
      readAt: w >= 3 ? new Date(createdAt.getTime() + HOUR) : null,
      createdAt,
      push: {
        status: sent ? 'sent' : 'noQuota',
        template: 'progress',
        templateId: sent ? templateId('progress') : null,
        attempts: sent ? [{ at: createdAt, errcode: 0, errmsg: 'ok' }] : [],
        ...(sent ? { sentAt: createdAt } : {}),
        runId: 'bench'
      }
    })
  }
  return docs
}

// ---------------------------------------------------------------- the reminders sender's population

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const given = '建国秀英志强海燕春梅玉兰文华明德永红丽娟桂芳'
/** A name of Chinese characters only, as WeChat's name field requires (a digit in it would be refused). */
const chineseName = (i: number) => surnames[i % surnames.length] + given[Math.floor(i / surnames.length) % given.length] + given[Math.floor(i / (surnames.length * given.length)) % given.length]

export const BEHIND_SHARE = 0.1
export const QUOTA_SHARE = 0.3

/**
 * `count` cadres `bench-rc-NNNNNN` across the demo counties, each with this year's visitStats (a tenth behind
 * the 90-day pace at `clock`, the rest on it) and, for three in ten, one to three messages of quota for the
 * pace template — what the sender reads. Nothing else: the sender scans users and reads stats and quota.
 */
export function* generatePopulation(count: number, clock: Date, seed = 20121231): Generator<Batch> {
  const random = rng(seed ^ 0x27d4eb2f)
  const counties = buildDemoData().orgs.filter((o) => o.level === 'county')
  const year = beijingYear(clock)
  const expected = expectedByToday(DAYS_TARGET, clock)
  const months = Number(beijingMonth(clock).slice(5))
  const users: UserDoc[] = []
  const stats: VisitStatsDoc[] = []
  const subs: SubscriptionDoc[] = []
  const flush = function* (all: boolean): Generator<Batch> {
    for (const [collection, docs] of [['users', users], ['visitStats', stats], ['subscriptions', subs]] as const) {
      while (docs.length >= BATCH || (all && docs.length)) yield { collection, docs: docs.splice(0, BATCH) as unknown as Docs }
    }
  }
  for (let i = 0; i < count; i++) {
    const org = counties[i % counties.length]
    const _id = `bench-rc-${String(i).padStart(6, '0')}`
    const openid = `openid-${_id}`
    users.push({ _id, openid, name: chineseName(i), role: 'cadre', title: '干事', orgId: org._id, orgPath: org.path, createdAt: clock })
    const behind = random() < BEHIND_SHARE
    const days = behind ? Math.floor(random() * expected * 0.9) : Math.min(DAYS_TARGET, expected + Math.floor(random() * 10))
    const daysByMonth: Record<string, number> = {}
    const visitsByMonth: Record<string, number> = {}
    for (let m = 1; m <= months; m++) {
      const mm = String(m).padStart(2, '0')
      const n = Math.floor((days * m) / months) - Math.floor((days * (m - 1)) / months)
      if (n) {
        daysByMonth[mm] = n
        visitsByMonth[mm] = n
      }
    }
    stats.push({
      _id: `${_id}_${year}`,
      cadreId: _id,
      orgId: org._id,
      orgPath: org.path,
      year,
      days,
      daysByMonth,
      visits: days,
      visitsByMonth,
      visitsByKind: { [fourInto.ids[0]]: days },
      fieldworkByMonth: {},
      fieldworkPending: 0,
      fieldworkApproved: 0,
      fieldworkRejected: 0,
      updatedAt: clock
    })
    if (random() < QUOTA_SHARE) {
      const quota = 1 + Math.floor(random() * 3)
      subs.push({ _id: `${openid}:progress`, openid, template: 'progress', templateId: templateId('progress'), quota, longTerm: false, accepted: quota, used: 0, updatedAt: clock })
    }
    yield* flush(false)
  }
  yield* flush(true)
}
