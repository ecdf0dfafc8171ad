/**
 * Generates a bench dataset on top of the demo organisations: N cadres with a liaison point each,
 * V visits over the last two years (a tenth of them on one "veteran" cadre, so per-cadre reads
 * face a long history), the day and year statistics those visits imply, and 五必访 households.
 * On the same visits: 群众点评 (one resident each, within the rating window) with the 差评 cases they
 * open, ledger entries raised on visits in every state, and the month/year serviceStats both imply —
 * the documents the ratings and demands functions write, so the measured queries use the same indexes.
 * Deterministic for a seed (ratings and demands draw from their own streams, so the visits are the same
 * with or without them); produced in batches so a million visits never sit in memory at once.
 * Ratings and the ledger come from service-data.ts; the reminders sender's separate population from population.ts.
 */
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { fiveMustVisit, fourInto } from '@/types/enums'
import type { HouseholdDoc, LiaisonPointDoc, UserDoc, VisitDayDoc, VisitDoc, VisitStatsDoc } from '@/cloudfunctions/_lib/collections'
import type { ReminderDoc } from '@/cloudfunctions/reminders/shared'
import { addCounted, emptyStats, statsId } from '@/cloudfunctions/_lib/visit-stat-rules'
import { DAYS_TARGET } from '@/types/rules/check-in'
import { isoWeek, reminderKey, render, templateId } from '@/types/reminders'
import { buildDemoData } from '../seed/demo-data'
import { pick, rng } from './rng'
import { benchSurvey } from './survey-data'
import type { BenchSize } from './sizes'
import { ServiceGenerator } from './service-data'
import { BATCH, LIGHT, LIGHT_VISITS, chunks, lightOpenid, type Batch, type Docs } from './common'

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
  const light: UserDoc = {
    _id: LIGHT,
    openid: lightOpenid,
    name: '新干部',
    role: 'cadre',
    title: '干事',
    orgId: lightOrg._id,
    orgPath: lightOrg.path,
    createdAt: now
  }
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
    const cadre = isLight ? light : i % 10 === 0 ? cadres[0] : (cadres[1 + (i % Math.max(1, cadres.length - 1))] ?? cadres[0])
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
    // The handlers' own rules (a new day counts once), so the bench's figures read as the product's would.
    const statId = statsId(cadre._id, year)
    const stat = stats.get(statId) ?? emptyStats({ cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath, year }, now)
    stats.set(statId, addCounted(stat, { month, pointKind: point.kind }, !day))
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

const HOUR = 3_600_000

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
