import type { z } from '../../../types/zod'
import type { CheckInInput, CheckInResult } from '../../../types/cadre-work'
import { MIN_OFFLINE_MAX_AGE_MS, evaluateCheckIn, flagLabels, recordTime, type NeighbourFix } from '../../../types/rules/check-in'
import { beijingMonth, beijingYear } from '../../../types/rules/beijing-time'
import { formatDistance } from '../../../types/rules/geo'
import { _ } from '../../_lib/cloud'
import { collection, type LiaisonPointDoc, type UserDoc, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { addFieldwork, countVisit, readStats, toSummary, visitId, writeStats } from '../shared'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'

type Input = z.output<typeof CheckInInput>

/**
 * 走访打卡. The server re-checks everything (types/rules/check-in.ts). One submissionId lands exactly
 * once: the visit's _id is `${cadreId}_${submissionId}`, created inside the transaction that also counts
 * the day, so retries, double taps, concurrent duplicates and offline re-syncs all get the first reply.
 */
export async function checkIn(input: Input, ctx: RequestContext): Promise<CheckInResult> {
  const user = await requireCadre(ctx)
  const id = visitId(user._id, input.submissionId)

  const existing = await findVisit(id)
  if (existing) return replay(existing, input)

  const points = await rows<LiaisonPointDoc>(collection('liaisonPoints').where({ _id: input.pointId }).limit(1))
  const point = points[0] as LiaisonPointDoc | undefined
  if (!point) throw new AppError('NOT_FOUND', '没有找到这个联系点，请刷新后重新选择')
  if (point.cadreId !== user._id) throw new AppError('FORBIDDEN', '这个联系点没有分配给您，请选择您自己的联系点')

  const fix = { ...input.fix, capturedAt: new Date(input.fix.capturedAt) }
  const deviceNow = new Date(input.deviceNow)
  const { visitedAt } = recordTime({ fix, deviceNow, serverNow: ctx.now, offline: input.offline })
  const [neighbours, offlineMaxAgeMs] = await Promise.all([neighbourFixes(user._id, visitedAt), offlineWindow(input, fix.capturedAt, user)])
  const year = beijingYear(visitedAt)
  const month = beijingMonth(visitedAt)

  try {
    return await inTransaction(async (tx) => {
      const again = await tx.collection('visits').doc(id).get()
      if (again.data) return replay(again.data as unknown as VisitDoc, input)

      const base = { cadreId: user._id, orgId: user.orgId, orgPath: user.orgPath, year }
      const { stats, existed } = await readStats(tx, base, ctx.now)
      const verdict = evaluateCheckIn({
        fix,
        deviceNow,
        serverNow: ctx.now,
        offline: input.offline,
        offlineMaxAgeMs,
        point: { ...point.location, radiusM: point.radiusM },
        neighbours,
        fieldworkThisMonth: stats.fieldworkByMonth[month] ?? 0,
        reason: input.reason
      })
      if (!verdict.ok) throw new AppError(verdict.code, verdict.message)

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

      let next: typeof stats
      let dayAdded = false
      if (verdict.status === 'counted') {
        ;({ stats: next, dayAdded } = await countVisit(tx, visit, stats, ctx.now))
      } else {
        next = addFieldwork(stats, month)
      }
      await writeStats(tx, next, existed, ctx.now)

      visit.reply = { dayAdded, days: next.days, message: messageFor(visit, dayAdded, next.days, user) }
      const { _id, ...doc } = visit
      await tx.collection('visits').add({ data: { _id, ...doc } })
      return { visit: toSummary(visit), ...visit.reply }
    })
  } catch (err) {
    // A concurrent duplicate may have won every retry: its reply is ours.
    if (!(err instanceof AppError)) {
      const winner = await findVisit(id)
      if (winner) return replay(winner, input)
    }
    throw err
  }
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

async function findVisit(id: string): Promise<VisitDoc | null> {
  const data = await rows<unknown>(collection('visits').where({ _id: id }).limit(1))
  return (data[0] as VisitDoc | undefined) ?? null
}

function replay(v: VisitDoc, input: Input): CheckInResult {
  if (v.pointId !== input.pointId) {
    throw new AppError('CONFLICT', '这个提交编号已经用于另一次打卡了，请重新打卡')
  }
  return { visit: toSummary(v), ...v.reply }
}

/** The cadre's check-ins just before and just after this instant: two indexed reads of one document each. */
async function neighbourFixes(cadreId: string, at: Date): Promise<NeighbourFix[]> {
  const [before, after] = await Promise.all([
    rows<VisitDoc>(collection('visits').where({ cadreId, visitedAt: _.lte(at) }).orderBy('visitedAt', 'desc').limit(1)),
    rows<VisitDoc>(collection('visits').where({ cadreId, visitedAt: _.gt(at) }).orderBy('visitedAt', 'asc').limit(1))
  ])
  return [...before, ...after].map((v) => {
    return { lat: v.location.lat, lng: v.location.lng, accuracy: v.accuracyM, at: new Date(v.visitedAt) }
  })
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
