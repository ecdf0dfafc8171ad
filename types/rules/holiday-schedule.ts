/**
 * A year's 法定节假日 and 调休 schedule as the province admin enters it (from the State Council's notice): reading
 * the dates and ranges typed on the page, checking a schedule before it is stored, and showing it back as ranges.
 * Pure; the page and the `orgs.loadHolidays` handler use the same checks.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { isWeekend, type YearSchedule } from './working-days'

dayjs.extend(utc)

const DATE = /^\d{4}-\d{2}-\d{2}$/
export const SCHEDULE_LIMITS = { holidays: 60, workdays: 20 } as const

export const isRealDate = (d: string) => DATE.test(d) && dayjs.utc(d).format('YYYY-MM-DD') === d

/** '2027-10-01~2027-10-07' (also 至 / 到 / — / -- between) or one date; items separated by commas, spaces or lines. */
export function parseDates(text: string): { ok: true; dates: string[] } | { ok: false; message: string } {
  const out = new Set<string>()
  const items = text
    .replace(/[，、；;]/g, ',')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  for (const item of items) {
    const [from, to, extra] = item.split(/~|～|至|到|—|--/)
    if (extra !== undefined || !isRealDate(from) || (to !== undefined && !isRealDate(to))) {
      return { ok: false, message: `「${item}」看不懂，请写成 2027-10-01 或 2027-10-01~2027-10-07` }
    }
    if (to === undefined) {
      out.add(from)
      continue
    }
    if (to < from) return { ok: false, message: `「${item}」的结束日期早于开始日期` }
    for (let d = from; d <= to; d = dayjs.utc(d).add(1, 'day').format('YYYY-MM-DD')) {
      out.add(d)
      if (out.size > SCHEDULE_LIMITS.holidays) return { ok: false, message: `日期太多了（最多 ${SCHEDULE_LIMITS.holidays} 天）` }
    }
  }
  return { ok: true, dates: [...out].sort() }
}

/** A schedule fit to store, or the first problem in words. */
export function checkSchedule(s: YearSchedule): string | null {
  const first = `${s.year - 1}-12-01`
  const last = `${s.year + 1}-01-31`
  if (s.holidays.length === 0) return '请至少填写一个放假日期'
  if (s.holidays.length > SCHEDULE_LIMITS.holidays) return `放假日期最多 ${SCHEDULE_LIMITS.holidays} 天`
  if (s.workdays.length > SCHEDULE_LIMITS.workdays) return `调休上班日期最多 ${SCHEDULE_LIMITS.workdays} 天`
  for (const d of [...s.holidays, ...s.workdays]) {
    if (!isRealDate(d)) return `「${d}」不是有效的日期`
    if (d < first || d > last) return `「${d}」不在 ${s.year} 年的安排里`
  }
  if (new Set(s.holidays).size !== s.holidays.length || new Set(s.workdays).size !== s.workdays.length) return '有重复的日期'
  const both = s.holidays.find((d) => s.workdays.includes(d))
  if (both) return `${both} 不能既放假又上班`
  const weekday = s.workdays.find((d) => !isWeekend(d))
  if (weekday) return `${weekday} 本来就是工作日，调休上班日应是周六或周日`
  return null
}

export interface DateRange {
  from: string
  to: string
}

/** Consecutive dates as ranges, for showing a schedule the way the notice reads. */
export function rangesOf(dates: readonly string[]): DateRange[] {
  const out: DateRange[] = []
  for (const d of [...dates].sort()) {
    const last = out[out.length - 1]
    if (last && dayjs.utc(last.to).add(1, 'day').format('YYYY-MM-DD') === d) last.to = d
    else out.push({ from: d, to: d })
  }
  return out
}

/** '10月1日—10月7日' or '9月20日'. */
export function rangeText(r: DateRange): string {
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
  return r.from === r.to ? md(r.from) : `${md(r.from)}—${md(r.to)}`
}

/** Back to what the admin types: '2027-10-01~2027-10-07, 2027-09-19'. */
export const rangesInput = (dates: readonly string[]) =>
  rangesOf(dates)
    .map((r) => (r.from === r.to ? r.from : `${r.from}~${r.to}`))
    .join('\n')
