import type { z } from '@/types/zod'
import { addIfAbsent } from '../../_lib/create-once'
import type { CheckInInput, CheckInResult } from '@/types/visits'
import { MIN_OFFLINE_MAX_AGE_MS, evaluateCheckIn, flagLabels, recordTime, type NeighbourFix } from '@/types/rules/check-in'
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { formatDistance } from '@/types/rules/geo'
import { _ } from '../../_lib/cloud'
import { collection, type LiaisonPointDoc, type UserDoc, type VisitDayDoc, type VisitDoc, type VisitStatsDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { dayId, emptyStats, monthKindKey, statsId } from '../../_lib/visit-stat-rules'
import { toSummary, visitId } from '../shared'
import { incPlaceMonth } from '../../_lib/places'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'
import { byId } from '../../_lib/by-id'

type Input = z.output<typeof CheckInInput>

/**
 * 走访打卡. The server re-checks everything (types/rules/check-in.ts). One submissionId lands exactly once: the
 * visit's _id is `${cadreId}_${submissionId}` (unique), so retries, double taps, concurrent duplicates and offline
 * re-syncs all get the first reply. No transaction: the visit is written on its own (the commit point), then its
 * day and the year's statistics move by atomic increments — a burst of check-ins never meets in conflicting
 * transactions. If the call dies in between, the nightly reconciliation recomputes the day and the statistics
 * from the visits (cloudfunctions/reconcile). At most nine DB operations: the caller, then the point, the
 * neighbouring check-ins, the year's statistics and the day (read together), the visit, the day, the statistics,
 * and the month of the point's place (the village view) when the point has one.
 */
export async function checkIn(input: Input, ctx: RequestContext): Promise<CheckInResult> {
  const user = await requireCadre(ctx)
  const id = visitId(user._id, input.submissionId)
  const fix = { ...input.fix, capturedAt: new Date(input.fix.capturedAt) }
  const deviceNow = new Date(input.deviceNow)
  const { visitedAt } = recordTime({ fix, deviceNow, serverNow: ctx.now, offline: input.offline })
  const year = beijingYear(visitedAt)
  const month = beijingMonth(visitedAt)
  const date = beijingDate(visitedAt)

  const [point, neighbours, stats, day, offlineMaxAgeMs] = await Promise.all([
    byId<LiaisonPointDoc>('liaisonPoints', input.pointId),
    neighbourFixes(user._id, visitedAt),
    byId<VisitStatsDoc>('visitStats', statsId(user._id, year)),
    byId<VisitDayDoc>('visitDays', dayId(user._id, date)),
    offlineWindow(input, fix.capturedAt, user)
  ])
  if (!point) throw new AppError('NOT_FOUND', '没有找到这个联系点，请刷新后重新选择')
  if (point.cadreId !== user._id) throw new AppError('FORBIDDEN', '这个联系点没有分配给您，请选择您自己的联系点')
  const verdict = evaluateCheckIn({
    fix,
    deviceNow,
    serverNow: ctx.now,
    offline: input.offline,
    offlineMaxAgeMs,
    point: { ...point.location, radiusM: point.radiusM },
    neighbours: neighbours.filter((n) => n.id !== id),
    fieldworkThisMonth: stats?.fieldworkByMonth?.[month] ?? 0,
    reason: input.reason
  })
  if (!verdict.ok) {
    // A retry of a submission that landed gets its first reply, even if the rules would now refuse it (an old fix).
    const landed = await findVisit(id)
    if (landed) return replay(landed, input)
    throw new AppError(verdict.code, verdict.message)
  }

  const counted = verdict.status === 'counted'
  let dayAdded: boolean = counted && !day
  const visit: VisitDoc = {
    _id: id,
    submissionId: input.submissionId,
    cadreId: user._id,
    cadreName: user.name,
    orgId: user.orgId,
    orgPath: user.orgPath,
    pointId: point._id,
    pointName: point.name,
    pointKind: point.kind,
    placeCode: point.placeCode ?? null,
    location: { lat: fix.lat, lng: fix.lng },
    accuracyM: Math.round(fix.accuracy),
    distanceM: verdict.distanceM,
    radiusM: point.radiusM,
    inside: verdict.inside,
    capturedAt: fix.capturedAt,
    deviceNow,
    receivedAt: ctx.now,
    visitedAt: verdict.visitedAt,
    date: verdict.date,
    month: verdict.month,
    year: verdict.year,
    offline: input.offline,
    status: verdict.status,
    flags: verdict.flags,
    clockSkewMs: verdict.clockSkewMs,
    maxSpeedKmh: verdict.maxSpeedKmh,
    ...(verdict.inside ? {} : { reason: input.reason }),
    ...(input.note ? { note: input.note } : {}),
    photos: [],
    reply: { dayAdded: false, days: 0, message: '' },
    createdAt: ctx.now
  }
  const replyFor = (added: boolean) => {
    const days = (stats?.days ?? 0) + (added ? 1 : 0)
    return { dayAdded: added, days, message: messageFor(visit, added, days, user) }
  }
  visit.reply = replyFor(dayAdded)
  if (!(await addIfAbsent('visits', visit))) {
    // The same submission landed first (a retry, a double tap, a concurrent duplicate): its reply is ours.
    const winner = await findVisit(id)
    if (winner) return replay(winner, input)
    // Refused as a duplicate yet not there to read: a database failure, which the phone's queue sends again.
    throw new Error(`visit ${id}: add refused but the visit is not there`)
  }

  const base = { cadreId: user._id, orgId: user.orgId, orgPath: user.orgPath, year }
  if (counted) {
    dayAdded = await countDay(visit, Boolean(day), ctx.now)
    if (dayAdded !== visit.reply.dayAdded) {
      // A concurrent check-in of the same day counted it first: say so, now and to every retry.
      visit.reply = replyFor(dayAdded)
      await collection('visits')
        .doc(id)
        .update({ data: { reply: visit.reply } })
    }
  }
  await incStats(base, Boolean(stats), counted ? countedIncs(visit, dayAdded) : fieldworkIncs(month), ctx.now)
  if (counted) await incPlaceMonth(visit, ctx.now)
  return { visit: toSummary(visit), ...visit.reply }
}

/**
 * The org's offline window (制度 offlineHours, of the capture's Beijing year), read only for an offline
 * check-in older than the shortest window any org may set: the online path keeps its reads.
 */
async function offlineWindow(input: Input, capturedAt: Date, user: UserDoc): Promise<number | undefined> {
  if (!input.offline) return undefined
  const age = new Date(input.deviceNow).getTime() - capturedAt.getTime()
  if (age <= MIN_OFFLINE_MAX_AGE_MS) return undefined
  const { rules } = await effectiveRules(user.orgPath, beijingYear(capturedAt))
  return rules.offlineHours * 60 * 60 * 1000
}

const findVisit = (id: string) => byId<VisitDoc>('visits', id)

function replay(v: VisitDoc, input: Input): CheckInResult {
  if (v.pointId !== input.pointId) {
    throw new AppError('CONFLICT', '这个提交编号已经用于另一次打卡了，请重新打卡')
  }
  return { visit: toSummary(v), ...v.reply }
}

/**
 * Check-ins further apart than this cannot imply more than 300 km/h inside China (GCJ-02 is China only, at most
 * about 5,500 km across), so the nearest ones within it are all the speed rule needs.
 */
const NEIGHBOUR_WINDOW_MS = 24 * 3600 * 1000
const NEIGHBOUR_READ = 50

/** The cadre's check-ins just before and just after this instant, from one indexed read of the day around it. */
async function neighbourFixes(cadreId: string, at: Date): Promise<(NeighbourFix & { id: string })[]> {
  const near = await rows<VisitDoc>(
    collection('visits')
      .where({ cadreId, visitedAt: _.gte(new Date(at.getTime() - NEIGHBOUR_WINDOW_MS)).and(_.lte(new Date(at.getTime() + NEIGHBOUR_WINDOW_MS))) })
      .orderBy('visitedAt', 'desc')
      .field({ location: true, accuracyM: true, visitedAt: true })
      .limit(NEIGHBOUR_READ)
  )
  const t = at.getTime()
  const before = near.filter((v) => new Date(v.visitedAt).getTime() <= t)[0]
  const after = near.filter((v) => new Date(v.visitedAt).getTime() > t).at(-1)
  return [before, after]
    .filter((v): v is VisitDoc => Boolean(v))
    .map((v) => ({ id: v._id, lat: v.location.lat, lng: v.location.lng, accuracy: v.accuracyM, at: new Date(v.visitedAt) }))
}

/**
 * The visit's day: a new day document (unique _id: a concurrent check-in of the same day adds it once), or one more
 * visit on it. True when this visit added the day.
 */
async function countDay(v: VisitDoc, existed: boolean, now: Date): Promise<boolean> {
  const _id = dayId(v.cadreId, v.date)
  if (!existed) {
    const doc: VisitDayDoc = { _id, cadreId: v.cadreId, date: v.date, year: v.year, month: v.month, visits: 1, firstVisitId: v._id, createdAt: now }
    if (await addIfAbsent('visitDays', doc)) return true
  }
  await collection('visitDays')
    .doc(_id)
    .update({ data: { visits: _.inc(1) } })
  return false
}

const countedIncs = (v: VisitDoc, dayAdded: boolean): Record<string, number> => ({
  ...(dayAdded ? { days: 1, [`daysByMonth.${v.month}`]: 1 } : {}),
  visits: 1,
  [`visitsByMonth.${v.month}`]: 1,
  [`visitsByKind.${v.pointKind}`]: 1,
  [`visitsByMonthKind.${monthKindKey(v.month, v.pointKind)}`]: 1
})

/** A 外勤 submitted: it counts toward the month's limit and waits for review (as addFieldwork). */
const fieldworkIncs = (month: string): Record<string, number> => ({ [`fieldworkByMonth.${month}`]: 1, fieldworkPending: 1 })

/** The year's statistics moved by increments (created with them if this is the cadre's first visit of the year). */
async function incStats(
  base: Pick<VisitStatsDoc, 'cadreId' | 'orgId' | 'orgPath' | 'year'>,
  existed: boolean,
  incs: Record<string, number>,
  now: Date
): Promise<void> {
  const _id = statsId(base.cadreId, base.year)
  if (!existed) {
    if (await addIfAbsent('visitStats', { ...applyIncs(emptyStats(base, now), incs), _id })) return
  }
  const data: Record<string, unknown> = { updatedAt: now }
  for (const [k, n] of Object.entries(incs)) data[k] = _.inc(n)
  await collection('visitStats').doc(_id).update({ data })
}

/** The increments applied to a document in memory (a new year's statistics). */
function applyIncs(stats: VisitStatsDoc, incs: Record<string, number>): VisitStatsDoc {
  const out = structuredClone(stats) as unknown as Record<string, unknown>
  for (const [path, n] of Object.entries(incs)) {
    const [head, key] = path.split('.')
    if (key === undefined) out[head] = ((out[head] as number) ?? 0) + n
    else {
      const m = (out[head] ?? {}) as Record<string, number>
      m[key] = (m[key] ?? 0) + n
      out[head] = m
    }
  }
  return out as unknown as VisitStatsDoc
}

function messageFor(v: VisitDoc, dayAdded: boolean, days: number, _user: UserDoc): string {
  const lead = v.offline ? '离线补传成功' : '打卡成功'
  let text =
    v.status === 'counted'
      ? dayAdded
        ? `${lead}，${v.date} 计入下基层天数，今年已有 ${days} 天`
        : `${lead}，${v.date} 已经计入过，今年已有 ${days} 天`
      : `已提交外勤（离联系点 ${formatDistance(v.distanceM)}），管理员审核通过后计入下基层天数`
  if (v.flags.length) text += `。提示：${v.flags.map((f) => flagLabels[f]).join('；')}，管理员会看到这条提示`
  return text
}
