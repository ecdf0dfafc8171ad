import { checkSchedule, parseDates, rangeText, rangesInput, rangesOf } from '@/types/rules/holiday-schedule'

describe('what the province admin types', () => {
  it('reads dates and ranges separated by lines, commas and spaces (also 至 / ～)', () => {
    expect(parseDates('2027-10-01~2027-10-03\n2027-09-15， 2027-05-01至2027-05-02')).toEqual({
      ok: true,
      dates: ['2027-05-01', '2027-05-02', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03']
    })
    expect(parseDates('2027-12-31～2028-01-01')).toEqual({ ok: true, dates: ['2027-12-31', '2028-01-01'] })
    expect(parseDates('')).toEqual({ ok: true, dates: [] })
  })
  it('says what it cannot read', () => {
    expect(parseDates('10月1日')).toMatchObject({ ok: false, message: expect.stringContaining('10月1日') })
    expect(parseDates('2027-02-30')).toMatchObject({ ok: false })
    expect(parseDates('2027-10-07~2027-10-01')).toMatchObject({ ok: false, message: expect.stringContaining('早于') })
    expect(parseDates('2027-01-01~2027-12-31')).toMatchObject({ ok: false, message: expect.stringContaining('太多') })
  })
})

describe('a schedule fit to store', () => {
  const ok = { year: 2027, holidays: ['2027-10-01', '2027-10-02'], workdays: ['2027-09-26'] }
  it('accepts a real one and names the first problem of a wrong one', () => {
    expect(checkSchedule(ok)).toBeNull()
    expect(checkSchedule({ ...ok, holidays: [] })).toMatch(/至少/)
    expect(checkSchedule({ ...ok, holidays: ['2029-10-01'] })).toMatch(/不在 2027 年/)
    expect(checkSchedule({ ...ok, holidays: ['2026-12-31'], workdays: [] })).toBeNull() // the neighbouring month is allowed
    expect(checkSchedule({ ...ok, workdays: ['2027-09-27'] })).toMatch(/本来就是工作日/) // a Monday
    expect(checkSchedule({ ...ok, workdays: ['2027-10-02'] })).toMatch(/既放假又上班/)
    expect(checkSchedule({ ...ok, holidays: ['2027-10-01', '2027-10-01'] })).toMatch(/重复/)
    expect(checkSchedule({ ...ok, holidays: ['2027-13-01'] })).toMatch(/不是有效的日期/)
  })
})

describe('shown back as the notice reads', () => {
  it('groups consecutive dates', () => {
    const dates = ['2027-10-03', '2027-10-01', '2027-10-02', '2027-09-15']
    expect(rangesOf(dates)).toEqual([
      { from: '2027-09-15', to: '2027-09-15' },
      { from: '2027-10-01', to: '2027-10-03' }
    ])
    expect(rangesOf(dates).map(rangeText)).toEqual(['9月15日', '10月1日—10月3日'])
    expect(rangesInput(dates)).toBe('2027-09-15\n2027-10-01~2027-10-03')
    expect(parseDates(rangesInput(dates))).toEqual({ ok: true, dates: [...dates].sort() })
  })
})
