import { DAYS_TARGET, FIELDWORK_PER_MONTH, evaluateCheckIn, impliedSpeedKmh, progressDays, recordTime, type CheckInFacts } from '@/types/rules/check-in'
import { distanceM } from '@/types/rules/geo'
import { expectedByToday } from '@/types/rules/beijing-time'

// 东关大街社区, 西宁 (GCJ-02), radius 500 m.
const point = { lat: 36.6105, lng: 101.7921, radiusM: 500 }
const now = new Date('2026-06-10T04:00:00Z') // 12:00 Beijing
const at = (msBefore: number) => new Date(now.getTime() - msBefore)
const MIN = 60_000
const H = 60 * MIN

/** A point `m` metres due north of the liaison point. */
const north = (m: number) => ({ lat: point.lat + m / 111_195, lng: point.lng })

function facts(over: Partial<CheckInFacts> & { fixOver?: Partial<CheckInFacts['fix']> } = {}): CheckInFacts {
  const { fixOver, ...rest } = over
  return {
    fix: { ...north(100), accuracy: 20, capturedAt: at(10_000), ...fixOver },
    deviceNow: now,
    serverNow: now,
    offline: false,
    point,
    neighbours: [],
    fieldworkThisMonth: 0,
    ...rest
  }
}

describe('check-in rule: fence and accuracy', () => {
  it('counts a fix inside the radius', () => {
    const v = evaluateCheckIn(facts())
    expect(v).toMatchObject({ ok: true, inside: true, status: 'counted', flags: [] })
    expect(v.ok && v.distanceM).toBeGreaterThan(95)
  })

  it('allows radius + min(accuracy, 100) at the edge, and not a metre more', () => {
    const edge = 500 + 40
    expect(evaluateCheckIn(facts({ fixOver: { ...north(edge - 1), accuracy: 40 } }))).toMatchObject({ ok: true, inside: true })
    expect(evaluateCheckIn(facts({ fixOver: { ...north(edge + 1), accuracy: 40 }, reason: '在镇政府开座谈会' }))).toMatchObject({
      ok: true,
      inside: false,
      status: 'pending'
    })
  })

  it('caps the accuracy allowance at 100 m', () => {
    // accuracy 180 m would allow 680 m uncapped; capped it is 600 m
    const v = evaluateCheckIn(facts({ fixOver: { ...north(650), accuracy: 180 }, reason: '走访途中' }))
    expect(v).toMatchObject({ ok: true, inside: false, allowanceM: 100 })
    expect(evaluateCheckIn(facts({ fixOver: { ...north(595), accuracy: 180 } }))).toMatchObject({ ok: true, inside: true })
  })

  it('refuses a fix worse than 200 m and asks to retry in the open', () => {
    expect(evaluateCheckIn(facts({ fixOver: { accuracy: 200 } }))).toMatchObject({ ok: true })
    const v = evaluateCheckIn(facts({ fixOver: { accuracy: 201 } }))
    expect(v).toMatchObject({ ok: false, code: 'BAD_REQUEST', rule: 'accuracy' })
    expect(!v.ok && v.message).toContain('开阔')
  })

  it('says how far away the cadre is when outside without a reason', () => {
    const v = evaluateCheckIn(facts({ fixOver: north(1200) }))
    expect(v).toMatchObject({ ok: false, rule: 'reasonRequired' })
    expect(!v.ok && v.message).toBe('您不在联系点附近（相距 1.2 公里），如确在外开展工作，请填写外勤说明')
    expect(evaluateCheckIn(facts({ fixOver: north(1200), reason: '   ' }))).toMatchObject({ ok: false, rule: 'reasonRequired' })
  })

  it('allows 4 外勤 a month and refuses the 5th', () => {
    const out = { fixOver: north(2000), reason: '到乡政府协调就业' }
    expect(evaluateCheckIn(facts({ ...out, fieldworkThisMonth: FIELDWORK_PER_MONTH - 1 }))).toMatchObject({ ok: true, status: 'pending' })
    const v = evaluateCheckIn(facts({ ...out, fieldworkThisMonth: FIELDWORK_PER_MONTH }))
    expect(v).toMatchObject({ ok: false, rule: 'fieldworkLimit' })
    // the limit never blocks a check-in inside the fence
    expect(evaluateCheckIn(facts({ fieldworkThisMonth: 99 }))).toMatchObject({ ok: true, status: 'counted' })
  })
})

describe('check-in rule: time', () => {
  it('accepts an online fix up to 2 minutes old (on the phone clock) and refuses older', () => {
    expect(evaluateCheckIn(facts({ fixOver: { capturedAt: at(2 * MIN) } }))).toMatchObject({ ok: true })
    expect(evaluateCheckIn(facts({ fixOver: { capturedAt: at(2 * MIN + 1) } }))).toMatchObject({ ok: false, rule: 'stale' })
  })

  it('refuses a fix from the future beyond 30 s', () => {
    expect(evaluateCheckIn(facts({ fixOver: { capturedAt: at(-29_000) } }))).toMatchObject({ ok: true })
    expect(evaluateCheckIn(facts({ fixOver: { capturedAt: at(-31_000) } }))).toMatchObject({ ok: false, rule: 'future' })
  })

  it('accepts offline sync up to 72 h, marks its time as the capture time, refuses after', () => {
    const v = evaluateCheckIn(facts({ offline: true, fixOver: { capturedAt: at(70 * H) } }))
    expect(v).toMatchObject({ ok: true, status: 'counted' })
    expect(v.ok && v.visitedAt.toISOString()).toBe(at(70 * H).toISOString())
    expect(evaluateCheckIn(facts({ offline: true, fixOver: { capturedAt: at(72 * H) } }))).toMatchObject({ ok: true })
    const old = evaluateCheckIn(facts({ offline: true, fixOver: { capturedAt: at(73 * H) } }))
    expect(old).toMatchObject({ ok: false, rule: 'offlineTooOld' })
    expect(!old.ok && old.message).toContain('72 小时')
  })

  it('uses the server clock for an online check-in and flags a phone clock off by more than 5 minutes', () => {
    const fine = evaluateCheckIn(facts({ deviceNow: new Date(now.getTime() + 5 * MIN), fixOver: { capturedAt: new Date(now.getTime() + 5 * MIN - 5000) } }))
    expect(fine).toMatchObject({ ok: true, flags: [] })
    const skewed = evaluateCheckIn(facts({ deviceNow: new Date(now.getTime() + 6 * MIN), fixOver: { capturedAt: new Date(now.getTime() + 6 * MIN - 5000) } }))
    expect(skewed).toMatchObject({ ok: true, flags: ['clockSkew'] })
    expect(skewed.ok && skewed.visitedAt).toEqual(now)
  })

  it('shifts an offline capture time by the measured clock error when the phone clock was off', () => {
    const skew = 3 * H
    const r = recordTime({
      offline: true,
      serverNow: now,
      deviceNow: new Date(now.getTime() + skew),
      fix: { lat: 0, lng: 0, accuracy: 1, capturedAt: new Date(now.getTime() + skew - 10 * H) }
    })
    expect(r.visitedAt).toEqual(at(10 * H))
    expect(r.skewed).toBe(true)
  })

  it('dates a visit at 23:30 Beijing on that day, 00:30 on the next (UTC 15:59 / 16:01 boundary)', () => {
    const late = new Date('2026-06-09T15:30:00Z') // 23:30 Beijing, 9 June
    const v = evaluateCheckIn(facts({ offline: true, fixOver: { capturedAt: late } }))
    expect(v.ok && v.date).toBe('2026-06-09')
    const early = new Date('2026-06-09T16:01:00Z') // 00:01 Beijing, 10 June
    const w = evaluateCheckIn(facts({ offline: true, fixOver: { capturedAt: early } }))
    expect(w.ok && [w.date, w.month, w.year]).toEqual(['2026-06-10', '2026-06', 2026])
  })
})

describe('check-in rule: speed plausibility', () => {
  it('flags, but does not refuse, a check-in 300 km from one 10 minutes earlier', () => {
    const far = { lat: point.lat + 300_000 / 111_195, lng: point.lng, accuracy: 20, at: at(10 * MIN) }
    const v = evaluateCheckIn(facts({ neighbours: [far] }))
    expect(v).toMatchObject({ ok: true, status: 'counted', flags: ['speed'] })
    expect(v.ok && v.maxSpeedKmh).toBeGreaterThan(1500)
  })

  it('does not flag a plausible drive (60 km in an hour) or GPS jitter seconds apart', () => {
    const drive = { lat: point.lat + 60_000 / 111_195, lng: point.lng, accuracy: 20, at: at(H) }
    expect(evaluateCheckIn(facts({ neighbours: [drive] }))).toMatchObject({ ok: true, flags: [] })
    const jitter = { ...north(150), accuracy: 30, at: at(2000) }
    expect(evaluateCheckIn(facts({ neighbours: [jitter] }))).toMatchObject({ ok: true, flags: [] })
  })

  it('subtracts both accuracies and measures against the later neighbour too (offline sync in between)', () => {
    const a = { lat: 36.6105, lng: 101.7921, accuracy: 50, at: new Date(0) }
    const b = { lat: 36.6105 + 1000 / 111_195, lng: 101.7921, accuracy: 50, at: new Date(3_600_000) }
    expect(impliedSpeedKmh(a, b)).toBeCloseTo(0.9, 1)
    const later = { lat: point.lat - 2, lng: point.lng, accuracy: 10, at: new Date(now.getTime() + 5 * MIN) }
    expect(evaluateCheckIn(facts({ neighbours: [later] }))).toMatchObject({ ok: true, flags: ['speed'] })
  })
})

describe('distance with real places in 西宁', () => {
  it('measures 东关大街社区 to 西宁市第一中学 at about 2 km', () => {
    const d = distanceM({ lat: 36.6105, lng: 101.7921 }, { lat: 36.6239, lng: 101.7788 })
    expect(d).toBeGreaterThan(1800)
    expect(d).toBeLessThan(2000)
  })
})

describe('90-day pace', () => {
  it('caps progress at the target: more is not better', () => {
    expect(progressDays(0)).toBe(0)
    expect(progressDays(45)).toBe(45)
    expect(progressDays(DAYS_TARGET)).toBe(90)
    expect(progressDays(140)).toBe(90)
  })

  it('expects about 44 days by 1 July and 90 by 31 December, leap years included', () => {
    expect(expectedByToday(90, '2026-07-01T04:00:00Z')).toBe(44)
    expect(expectedByToday(90, '2026-12-31T15:00:00Z')).toBe(90)
    expect(expectedByToday(90, '2028-12-31T15:00:00Z')).toBe(90)
    expect(expectedByToday(90, '2028-02-29T04:00:00Z')).toBe(14)
  })
})
