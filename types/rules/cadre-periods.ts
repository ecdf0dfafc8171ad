/**
 * The rules for 请假/培训/抽调 and 蹲点 spans, and for a resident's confirmation of a visit where no fence fits.
 * Pure: dates ('YYYY-MM-DD', Beijing) in, a refusal in plain words (or null) out.
 */
import { isPauseKind, type CadrePeriodKind } from '../cadre-periods'
import { dayNumber } from './pace'

/** A 蹲点 stay lasts several days (one day is an ordinary visit) and at most a month. */
export const STAY_MIN_DAYS = 2
export const STAY_MAX_DAYS = 31
/** A stay is recorded after it (or on its last day), within this many days, while people still remember it. */
export const STAY_RECORD_WITHIN_DAYS = 30
/** 请假/培训/抽调 may be recorded up to this far back and ahead, at most a year long. */
export const PAUSE_BACK_DAYS = 90
export const PAUSE_AHEAD_DAYS = 366
export const PAUSE_MAX_DAYS = 366
/** Spans a cadre may have per year (all states): keeps every read of them bounded. */
export const PERIODS_PER_YEAR = 50

/** A resident confirms a visit within this many hours of it. */
export const CONFIRM_WINDOW_HOURS = 12
/** One resident confirms at most this many visits of one cadre a month (a friend cannot stand in for every day). */
export const CONFIRMS_PER_RESIDENT_MONTH = 2

export const spanDays = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1

/** The Beijing years a span touches. */
export function yearsOf(from: string, to: string): number[] {
  const out: number[] = []
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y)
  return out
}

/** Why a span may not be recorded on `today`, or null. */
export function checkPeriod(p: { kind: CadrePeriodKind; from: string; to: string; place: string }, today: string): string | null {
  if (p.to < p.from) return '结束日期不能早于开始日期'
  const days = spanDays(p.from, p.to)
  const t = dayNumber(today)
  if (isPauseKind(p.kind)) {
    if (days > PAUSE_MAX_DAYS) return `一次登记最长 ${PAUSE_MAX_DAYS} 天，更长的请分段登记`
    if (dayNumber(p.to) < t - PAUSE_BACK_DAYS) return `只能补登 ${PAUSE_BACK_DAYS} 天以内的请假、培训或抽调`
    if (dayNumber(p.from) > t + PAUSE_AHEAD_DAYS) return '开始日期太远了，一年以内的才能登记'
    return null
  }
  if (!p.place) return '请写明蹲点的地方'
  if (days < STAY_MIN_DAYS) return `蹲点至少 ${STAY_MIN_DAYS} 天；一天的走访请用打卡`
  if (days > STAY_MAX_DAYS) return `一次蹲点最长登记 ${STAY_MAX_DAYS} 天，更长的请分段登记`
  if (p.to > today) return '蹲点结束后（或最后一天）再登记，审批通过后计入下基层天数'
  if (dayNumber(p.to) < t - STAY_RECORD_WITHIN_DAYS) return `蹲点结束 ${STAY_RECORD_WITHIN_DAYS} 天以内才能登记`
  return null
}
