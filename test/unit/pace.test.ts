import { dateOfDay, datesBetween, dayNumber, lastDateOfMonth, pauseOn, pausedDaysBetween, stretchTarget, yearPace } from '@/types/rules/pace'
import { checkPeriod, spanDays, yearsOf } from '@/types/rules/cadre-periods'
import { RecordPeriodInput } from '@/types/cadre-periods'
import { expectedByToday } from '@/types/rules/beijing-time'
import { proratedTarget } from '@/types/outcomes'

describe('the days pace, paused by 请假/培训/抽调', () => {
  it('without pauses it is the plain pace toward the target', () => {
    for (const [date, at] of [
      ['2026-07-01', '2026-07-01T04:00:00Z'],
      ['2026-12-31', '2026-12-31T04:00:00Z'],
      ['2026-01-01', '2026-01-01T04:00:00Z']
    ]) {
      expect(yearPace(90, 2026, date, []).expected).toBe(expectedByToday(90, at))
    }
    expect(yearPace(90, 2026, '2026-07-01', [])).toMatchObject({ target: 90, adjustedTarget: 90, pausedDays: 0, pausedSoFar: 0, expected: 44 })
  })

  it('a paused day expects nothing, and the year’s target shrinks by the paused share', () => {
    // 73 days of secondment (1 March – 12 May): 90 × (365 − 73) / 365 = 72
    const secondment = [{ from: '2026-03-01', to: '2026-05-12' }]
    const p = yearPace(90, 2026, '2026-07-01', secondment)
    expect(p).toMatchObject({ adjustedTarget: 72, pausedDays: 73, pausedSoFar: 73 })
    // 182 days so far, 73 paused: 90 × 109 / 365 = 26.9
    expect(p.expected).toBe(26)
    // during the pause the expectation stands still
    expect(yearPace(90, 2026, '2026-03-01', secondment).expected).toBe(yearPace(90, 2026, '2026-05-12', secondment).expected)
    expect(yearPace(90, 2026, '2026-12-31', secondment).expected).toBe(72)
  })

  it('counts overlapping pauses once, and only inside the asked range', () => {
    const pauses = [
      { from: '2026-03-01', to: '2026-03-10' },
      { from: '2026-03-05', to: '2026-03-12' },
      { from: '2025-12-30', to: '2026-01-02' }
    ]
    expect(pausedDaysBetween(pauses, '2026-01-01', '2026-12-31')).toBe(12 + 2)
    expect(pausedDaysBetween(pauses, '2026-03-11', '2026-03-31')).toBe(2)
    expect(pausedDaysBetween(pauses, '2026-04-01', '2026-03-01')).toBe(0)
    expect(pauseOn(pauses, '2026-03-12')).toEqual(pauses[1])
    expect(pauseOn(pauses, '2026-03-13')).toBeNull()
  })

  it('a period’s pace target leaves out its paused days', () => {
    expect(stretchTarget(90, 2026, '2026-04-01', '2026-04-30', '2026-04-10', [{ from: '2026-04-01', to: '2026-04-05' }])).toBe(1.23)
    expect(proratedTarget(90, '2026-04', '2026-04-10T04:00:00Z', [{ from: '2026-04-01', to: '2026-04-05' }])).toBe(1.23)
    expect(proratedTarget(90, '2026-04', '2026-04-10T04:00:00Z')).toBe(2.47)
  })

  it('dates: whole days, months of any length', () => {
    expect(dateOfDay(dayNumber('2028-02-29'))).toBe('2028-02-29')
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'])
    expect(lastDateOfMonth('2026-11')).toBe('2026-11-30')
    expect(lastDateOfMonth('2028-02')).toBe('2028-02-29')
    expect(lastDateOfMonth('2026-12')).toBe('2026-12-31')
  })
})

describe('recording spans', () => {
  const today = '2026-06-15'
  it('a 蹲点 stay is several days, recorded after it, within a month, with a place', () => {
    expect(checkPeriod({ kind: 'stay', from: '2026-06-10', to: '2026-06-14', place: '牧业村' }, today)).toBeNull()
    expect(checkPeriod({ kind: 'stay', from: '2026-06-10', to: '2026-06-14', place: '' }, today)).toContain('地方')
    expect(checkPeriod({ kind: 'stay', from: '2026-06-14', to: '2026-06-14', place: '牧业村' }, today)).toContain('至少 2 天')
    expect(checkPeriod({ kind: 'stay', from: '2026-06-14', to: '2026-06-16', place: '牧业村' }, today)).toContain('结束后')
    expect(checkPeriod({ kind: 'stay', from: '2026-04-01', to: '2026-05-01', place: '牧业村' }, today)).toContain('30 天以内')
    expect(checkPeriod({ kind: 'stay', from: '2026-05-01', to: '2026-06-14', place: '牧业村' }, today)).toContain('最长')
  })
  it('请假/培训/抽调 up to a year, ahead or a little back', () => {
    expect(checkPeriod({ kind: 'secondment', from: '2026-07-01', to: '2026-12-31', place: '' }, today)).toBeNull()
    expect(checkPeriod({ kind: 'leave', from: '2026-06-20', to: '2026-06-10', place: '' }, today)).toContain('不能早于')
    expect(checkPeriod({ kind: 'training', from: '2026-01-01', to: '2026-02-01', place: '' }, today)).toContain('90 天以内')
    expect(checkPeriod({ kind: 'leave', from: '2026-07-01', to: '2027-07-10', place: '' }, today)).toContain('最长')
    expect(spanDays('2026-06-10', '2026-06-14')).toBe(5)
    expect(yearsOf('2026-12-20', '2027-01-05')).toEqual([2026, 2027])
  })

  it('refuses a date that is no date in words, never by throwing', () => {
    for (const from of [':A-', '2026-02-30', '长'.repeat(300)]) {
      const r = RecordPeriodInput.safeParse({ submissionId: 'sub-12345678', kind: 'leave', from, to: '2026-03-01', note: '' })
      expect(r.success).toBe(false)
      expect(r.error?.issues[0].message).toMatch(/^开始日期/)
    }
  })
})
