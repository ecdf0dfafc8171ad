import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { beijingDate, beijingMonth, beijingStartOf, beijingYear, dayOfYear, daysInYear, expectedByToday } from '@/types/rules/beijing-time'

dayjs.extend(utc)
dayjs.extend(timezone)

describe('Beijing-date day counting (functions run in UTC)', () => {
  it('puts a visit at 23:30 Beijing time on that day, not the next', () => {
    // 23:30 on 3 March in Beijing is 15:30 UTC the same day.
    expect(beijingDate(new Date('2026-03-03T15:30:00Z'))).toBe('2026-03-03')
    // 00:10 on 4 March in Beijing is still 3 March in UTC.
    expect(beijingDate(new Date('2026-03-03T16:10:00Z'))).toBe('2026-03-04')
  })

  it('turns the year and the month at Beijing midnight', () => {
    const newYearBeijing = new Date('2026-12-31T16:00:00Z')
    expect(beijingYear(newYearBeijing)).toBe(2027)
    expect(beijingMonth(newYearBeijing)).toBe('2027-01')
    expect(beijingYear(new Date(newYearBeijing.getTime() - 1))).toBe(2026)
  })

  it('agrees with the Asia/Shanghai zone for every hour across several years', () => {
    const start = Date.UTC(1995, 0, 1)
    for (let t = start; t < Date.UTC(2031, 0, 1); t += 3600_000 * 37) {
      expect(beijingDate(t)).toBe(dayjs(t).tz('Asia/Shanghai').format('YYYY-MM-DD'))
    }
  })

  it('starts a Beijing date at 16:00 UTC the day before', () => {
    expect(beijingStartOf('2026-07-01').toISOString()).toBe('2026-06-30T16:00:00.000Z')
  })

  it('counts days of the year and the expected pace toward 90 days', () => {
    expect(daysInYear(2026)).toBe(365)
    expect(daysInYear(2028)).toBe(366)
    expect(daysInYear(2100)).toBe(365)
    expect(dayOfYear(new Date('2025-12-31T16:00:00Z'))).toBe(1)
    expect(dayOfYear(new Date('2026-12-31T15:59:59Z'))).toBe(365)
    expect(expectedByToday(90, new Date('2025-12-31T16:00:00Z'))).toBe(0)
    expect(expectedByToday(90, new Date('2026-07-01T04:00:00Z'))).toBe(44)
    expect(expectedByToday(90, new Date('2026-12-31T15:00:00Z'))).toBe(90)
  })
})
