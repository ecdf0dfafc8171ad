import { cyclePeriods } from '@/cloudfunctions/rankings/job'

describe('the periods a rankings cycle computes', () => {
  it('computes the current month, quarter and year; the month just ended in a month’s first week; the year just ended until done once', () => {
    expect(cyclePeriods(new Date('2026-06-16T02:00:00Z'), ['2025'])).toEqual(['2026-06', '2026-Q2', '2026'])
    expect(cyclePeriods(new Date('2026-06-03T02:00:00Z'), ['2025'])).toEqual(['2026-06', '2026-Q2', '2026', '2026-05'])
    // Never computed: the year before is backfilled, so a 12-month trend reaching into it has its months.
    expect(cyclePeriods(new Date('2026-06-16T02:00:00Z'), [])).toEqual(['2026-06', '2026-Q2', '2026', '2025'])
    // January's first week: December's ratings still arrive, so last year is computed again.
    expect(cyclePeriods(new Date('2027-01-03T02:00:00Z'), ['2025', '2026'])).toEqual(['2027-01', '2027-Q1', '2027', '2026-12', '2026'])
  })

  it('takes the date in Beijing: 1 July 01:00 Beijing is still 30 June in UTC, and already July’s first week', () => {
    expect(cyclePeriods(new Date('2026-06-30T17:00:00Z'), ['2025'])).toEqual(['2026-07', '2026-Q3', '2026', '2026-06'])
  })
})
