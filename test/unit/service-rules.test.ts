import { addWorkingDays, endOfBeijingDay, isWorkingDay, weekendsOnly as W, workingDeadline } from '@/types/rules/working-days'
import {
  SCENE_RE,
  caseDeadlines,
  checkTags,
  defaultServiceRules,
  demandDeadline,
  h5SceneUrl,
  isOverdue,
  makeSceneCode,
  ratingWindowEnd,
  rulesFor,
  satisfaction,
  sceneKindOf,
  withinRatingWindow
} from '@/types/rules/service'
import { randomBytes } from 'node:crypto'

const bj = (s: string) => new Date(`${s}+08:00`)

describe('working days (one function, an explicit calendar)', () => {
  it('skips weekends', () => {
    expect(isWorkingDay('2026-01-09', W)).toBe(true) // Friday
    expect(isWorkingDay('2026-01-10', W)).toBe(false)
    expect(isWorkingDay('2026-01-11', W)).toBe(false)
    expect(addWorkingDays('2026-01-09', 1, W)).toBe('2026-01-12')
    expect(addWorkingDays('2026-01-05', 5, W)).toBe('2026-01-12')
    expect(addWorkingDays('2026-01-10', 0, W)).toBe('2026-01-12')
    expect(addWorkingDays('2026-01-05', 15, W)).toBe('2026-01-26')
  })
  it('takes a holiday calendar with 调休 make-up days', () => {
    const cal = { holidays: new Set(['2026-01-12']), workdays: new Set(['2026-01-10']) }
    expect(isWorkingDay('2026-01-12', cal)).toBe(false)
    expect(isWorkingDay('2026-01-10', cal)).toBe(true)
    expect(addWorkingDays('2026-01-09', 1, cal)).toBe('2026-01-10')
    expect(addWorkingDays('2026-01-09', 2, cal)).toBe('2026-01-13')
  })
  it('counts from the Beijing date and ends at the end of the Beijing day', () => {
    // 2026-01-09 17:00 UTC is Saturday 01:00 in Beijing: one working day later is Tuesday? No: Monday.
    expect(workingDeadline(new Date('2026-01-09T17:00:00Z'), 1, W).toISOString()).toBe(endOfBeijingDay('2026-01-12').toISOString())
    expect(endOfBeijingDay('2026-01-12').toISOString()).toBe('2026-01-12T15:59:59.999Z')
  })
})

describe('demand deadlines and overdue', () => {
  it('urgent: same Beijing day; general 7 and complex 15 working days', () => {
    const at = bj('2026-01-09T23:30:00') // Friday night Beijing
    expect(demandDeadline(at, 'urgent', defaultServiceRules, W).toISOString()).toBe(endOfBeijingDay('2026-01-09').toISOString())
    expect(demandDeadline(at, 'general', defaultServiceRules, W).toISOString()).toBe(endOfBeijingDay('2026-01-20').toISOString())
    expect(demandDeadline(at, 'complex', defaultServiceRules, W).toISOString()).toBe(endOfBeijingDay('2026-01-30').toISOString())
  })
  it('follows an organisation override, nearest ancestor last', () => {
    const rules = rulesFor(['p', 'c'], { p: { demandDays: { urgent: 0, general: 5, complex: 10 } }, c: { demandDays: { general: 3 } as never } })
    expect(rules.demandDays).toEqual({ urgent: 0, general: 3, complex: 10 })
    expect(rulesFor(['x'])).toEqual(defaultServiceRules)
  })
  it('is overdue past the deadline while unfinished, or finished late', () => {
    const deadlineAt = bj('2026-01-09T23:59:59')
    expect(isOverdue({ deadlineAt }, bj('2026-01-09T20:00:00'))).toBe(false)
    expect(isOverdue({ deadlineAt }, bj('2026-01-10T00:00:01'))).toBe(true)
    expect(isOverdue({ deadlineAt, finishedAt: bj('2026-01-09T10:00:00') }, bj('2026-02-01T00:00:00'))).toBe(false)
    expect(isOverdue({ deadlineAt, finishedAt: bj('2026-01-11T10:00:00') }, bj('2026-01-11T11:00:00'))).toBe(true)
  })
})

describe('差评 follow-up and the rating window', () => {
  it('回访 within 1 working day and 整改 within 15, across a weekend', () => {
    const { revisitDueAt, rectifyDueAt } = caseDeadlines(bj('2026-01-09T16:00:00'), defaultServiceRules, W)
    expect(revisitDueAt.toISOString()).toBe(endOfBeijingDay('2026-01-12').toISOString())
    expect(rectifyDueAt.toISOString()).toBe(endOfBeijingDay('2026-01-30').toISOString())
  })
  it('closes 7 days after the visit, at the end of the Beijing day', () => {
    const visit = bj('2026-01-05T10:00:00')
    expect(ratingWindowEnd(visit).toISOString()).toBe(endOfBeijingDay('2026-01-12').toISOString())
    expect(withinRatingWindow(visit, bj('2026-01-12T23:59:00'))).toBe(true)
    expect(withinRatingWindow(visit, bj('2026-01-13T00:00:01'))).toBe(false)
    expect(withinRatingWindow(visit, bj('2026-01-05T09:00:00'))).toBe(false)
  })
})

describe('tags and figures', () => {
  it('tags depend on the level; a 差评 must give a reason', () => {
    expect(checkTags('satisfied', ['服务态度好'])).toBeNull()
    expect(checkTags('satisfied', [])).toBeNull()
    expect(checkTags('satisfied', ['服务态度差'])).toMatch(/不是这一档/)
    expect(checkTags('dissatisfied', [])).toMatch(/至少选一个/)
    expect(checkTags('veryDissatisfied', ['走过场'])).toBeNull()
    expect(checkTags('dissatisfied', ['走过场', '走过场'])).toMatch(/重复/)
  })
  it('satisfaction share is (非常满意 + 满意) / all; mean on 5..1', () => {
    expect(satisfaction({ ratings: 0, levels: {}, scoreSum: 0 })).toEqual({ satisfiedShare: null, meanScore: null, bad: 0 })
    const s = satisfaction({ ratings: 4, levels: { verySatisfied: 1, satisfied: 1, basicallySatisfied: 1, veryDissatisfied: 1 }, scoreSum: 5 + 4 + 3 + 1 })
    expect(s).toEqual({ satisfiedShare: 0.5, meanScore: 3.25, bad: 1 })
    expect(satisfaction({ ratings: 3, levels: { satisfied: 1, verySatisfied: 0, dissatisfied: 2 }, scoreSum: 8 }).satisfiedShare).toBe(0.3333)
  })
})

describe('scene codes', () => {
  it("are short, of WeChat's alphabet, unique and typed by their first letter", () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const code = makeSceneCode(i % 2 ? 'visit' : 'demand', (n) => randomBytes(n))
      expect(code).toMatch(SCENE_RE)
      expect(code.length).toBe(11)
      expect(code.length).toBeLessThanOrEqual(32)
      seen.add(code)
    }
    expect(seen.size).toBe(2000)
    expect(sceneKindOf(makeSceneCode('point', (n) => randomBytes(n)))).toBe('point')
    expect(sceneKindOf('x0123456789')).toBeNull()
    expect(sceneKindOf('v012')).toBeNull()
  })
  it('terminates even when the random bytes are all rejected ones', () => {
    expect(makeSceneCode('visit', (n) => new Uint8Array(n).fill(250))).toMatch(/^v[0-9A-Za-z]{10}$/)
  })
  it('opens the resident page on h5 with the same scene', () => {
    expect(h5SceneUrl('vAbc123')).toBe('/#/pages/rate/index?scene=vAbc123')
  })
})
