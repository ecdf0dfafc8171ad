/**
 * The official working days: the data package's 2026 schedule checked against the State Council's published one,
 * a loaded year replacing the package's, and the deadlines that follow from them.
 */
import { packageCalendar } from '@/cloudfunctions/_lib/holiday-data'
import { coversYear, endOfBeijingDay, isWorkingDay, mergeSchedules, scheduleOf, weekendsOnly, workingDeadline } from '@/types/rules/working-days'
import { caseDeadlines, defaultServiceRules, demandDeadline } from '@/types/rules/service'

const bj = (s: string) => new Date(`${s}+08:00`)
const days = (from: string, to: string) => {
  const out: string[] = []
  for (let d = from; d <= to; d = next(d)) out.push(d)
  return out
}
const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

describe('the data package’s 2026 schedule is the State Council’s', () => {
  it('National Day and Mid-Autumn: Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) worked', () => {
    for (const d of days('2026-10-01', '2026-10-07')) expect([d, isWorkingDay(d, packageCalendar)]).toEqual([d, false])
    expect(isWorkingDay('2026-09-20', packageCalendar)).toBe(true)
    expect(isWorkingDay('2026-10-10', packageCalendar)).toBe(true)
    expect(isWorkingDay('2026-10-08', packageCalendar)).toBe(true)
    expect(isWorkingDay('2026-10-11', packageCalendar)).toBe(false)
  })
  it('Spring Festival: Feb 15–23 off, Feb 14 (Sat) and Feb 28 (Sat) worked', () => {
    for (const d of days('2026-02-15', '2026-02-23')) expect([d, isWorkingDay(d, packageCalendar)]).toEqual([d, false])
    expect(isWorkingDay('2026-02-14', packageCalendar)).toBe(true)
    expect(isWorkingDay('2026-02-28', packageCalendar)).toBe(true)
    expect(isWorkingDay('2026-02-24', packageCalendar)).toBe(true)
  })
  // chinese-days is pinned (package.json): this version was published before the 2027 schedule.
  it('covers 2026; 2027 is not in the package yet (the province admin loads it)', () => {
    expect(coversYear(packageCalendar, 2026)).toBe(true)
    expect(coversYear(packageCalendar, 2027)).toBe(false)
  })
})

describe('deadlines over the holidays', () => {
  it('a 差评 on 2026-09-30 is due for 回访 on 2026-10-08 and for 整改 (15 working days) on 2026-10-27', () => {
    const { revisitDueAt, rectifyDueAt } = caseDeadlines(bj('2026-09-30T15:00:00'), defaultServiceRules, packageCalendar)
    expect(revisitDueAt.toISOString()).toBe(endOfBeijingDay('2026-10-08').toISOString())
    expect(rectifyDueAt.toISOString()).toBe(endOfBeijingDay('2026-10-27').toISOString())
    // without the holidays it would have been 10-01 and 10-21
    expect(caseDeadlines(bj('2026-09-30T15:00:00'), defaultServiceRules, weekendsOnly).revisitDueAt.toISOString()).toBe(
      endOfBeijingDay('2026-10-01').toISOString()
    )
  })
  it('a general demand raised before Spring Festival counts the 调休 Saturday and skips the week off', () => {
    // 2026-02-12 (Thu): 13 (Fri), 14 (Sat, worked), 24, 25, 26, 27, 28 (Sat, worked) = 7 working days
    expect(demandDeadline(bj('2026-02-12T10:00:00'), 'general', defaultServiceRules, packageCalendar).toISOString()).toBe(
      endOfBeijingDay('2026-02-28').toISOString()
    )
    expect(workingDeadline(bj('2026-02-13T10:00:00'), 1, packageCalendar).toISOString()).toBe(endOfBeijingDay('2026-02-14').toISOString())
  })
})

describe('a year loaded by the province admin', () => {
  const y2027 = {
    year: 2027,
    holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
    workdays: ['2027-09-26', '2027-10-09']
  }

  it('adds a year the package does not have, and replaces one it has', () => {
    const cal = mergeSchedules(packageCalendar, [y2027])
    expect(coversYear(cal, 2027)).toBe(true)
    expect(isWorkingDay('2027-10-04', cal)).toBe(false) // a Monday
    expect(isWorkingDay('2027-09-26', cal)).toBe(true) // a Sunday worked
    expect(isWorkingDay('2026-10-05', cal)).toBe(false) // 2026 still from the package
    const replaced = mergeSchedules(packageCalendar, [{ year: 2026, holidays: ['2026-10-01'], workdays: [] }])
    expect(isWorkingDay('2026-10-05', replaced)).toBe(true)
    expect(isWorkingDay('2026-10-01', replaced)).toBe(false)
    expect(isWorkingDay('2026-10-10', replaced)).toBe(false) // the package's 调休 Saturday is gone with its year
    expect(scheduleOf(replaced, 2026)).toEqual({ year: 2026, holidays: ['2026-10-01'], workdays: [] })
  })
  it('moves the deadlines counted over it', () => {
    const cal = mergeSchedules(packageCalendar, [y2027])
    // Thursday 2027-09-30: the next working day is Friday 10-08 (10-01..07 off)
    expect(workingDeadline(bj('2027-09-30T10:00:00'), 1, cal).toISOString()).toBe(endOfBeijingDay('2027-10-08').toISOString())
    expect(workingDeadline(bj('2027-09-30T10:00:00'), 1, packageCalendar).toISOString()).toBe(endOfBeijingDay('2027-10-01').toISOString())
  })
})
