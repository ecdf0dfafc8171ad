import fc from 'fast-check'
import {
  decideHold,
  defaultRatingGuard as g,
  eventGuardKey,
  eventSize,
  isFresh,
  raterGuardKey,
  type GuardFact,
  type GuardInput
} from '@/types/rules/rating-guard'
import { RatingGuard } from '@/types/org-rules'

const now = new Date('2026-03-05T04:00:00Z')
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)
let n = 0
const fact = (o: Partial<GuardFact> = {}): GuardFact => ({
  id: `r${++n}`,
  createdAt: minutesAgo(1),
  sameEvent: true,
  sameRater: false,
  sameIp: false,
  fresh: false,
  cadreId: 'c1',
  targetKind: 'visit',
  month: '2026-03',
  date: '2026-03-05',
  ...o
})
const input = (others: GuardFact[], o: Partial<GuardInput> = {}): GuardInput => ({
  now,
  month: '2026-03',
  date: '2026-03-05',
  cadreId: 'c1',
  targetKind: 'visit',
  size: eventSize({ kind: 'visit', record: { method: 'forum', peopleMet: { count: 20 } } }, g),
  rules: g,
  others,
  truncated: false,
  ...o
})

describe('the plausible size of a service event', () => {
  it('takes a gathering’s recorded head count (up to the ceiling), and that many may be new raters', () => {
    expect(eventSize({ kind: 'visit', record: { method: 'forum', peopleMet: { count: 200 } } }, g)).toMatchObject({ cap: 200, freshLimit: 200 })
    expect(eventSize({ kind: 'visit', record: { method: 'survey', peopleMet: { count: 5000 } } }, g)).toMatchObject({
      cap: g.gatheringMax,
      freshLimit: g.gatheringMax
    })
    expect(eventSize({ kind: 'visit', record: { method: 'fieldResearch', peopleMet: { count: 0 } } }, g)).toMatchObject({ cap: g.fieldResearch })
  })
  it('takes a home visit’s count and the family at home, never more than the method allows, few of them new', () => {
    expect(eventSize({ kind: 'visit', record: { method: 'homeVisit', peopleMet: { count: 2 } } }, g)).toMatchObject({ cap: 4, freshLimit: g.freshPerWindow })
    expect(eventSize({ kind: 'visit', record: { method: 'homeVisit', peopleMet: { count: 40 } } }, g)).toMatchObject({ cap: g.homeVisit })
    expect(eventSize({ kind: 'visit', record: null }, g)).toMatchObject({ cap: g.withoutRecord, freshLimit: Math.min(g.withoutRecord, g.freshPerWindow) })
    expect(eventSize({ kind: 'demand' }, g)).toMatchObject({ cap: g.perDemand })
  })
})

describe('holding a rating for review', () => {
  it('counts a rating within the event’s size, holds the one past it (and any when the read came back full)', () => {
    const size = eventSize({ kind: 'visit', record: { method: 'forum', peopleMet: { count: 3 } } }, g)
    expect(decideHold({ ...input([fact(), fact()], { size }), fresh: false })).toEqual([])
    expect(decideHold({ ...input([fact(), fact(), fact()], { size }), fresh: false })).toEqual(['overCap'])
    expect(decideHold({ ...input([], { truncated: true }), fresh: false })).toEqual(['overCap'])
  })
  it('holds new raters beyond the limit in the window, only when the rater is new and only within the window', () => {
    const size = eventSize({ kind: 'visit', record: { method: 'homeVisit', peopleMet: { count: 6 } } }, g) // cap 8, 3 new
    const three = [fact({ fresh: true }), fact({ fresh: true }), fact({ fresh: true })]
    expect(decideHold({ ...input(three, { size }), fresh: true })).toEqual(['freshBurst'])
    expect(decideHold({ ...input(three, { size }), fresh: false })).toEqual([])
    const old = three.map((f) => ({ ...f, createdAt: minutesAgo(g.windowMinutes + 1) }))
    expect(decideHold({ ...input(old, { size }), fresh: true })).toEqual([])
  })
  it('holds a burst from one network on one event, whatever its size', () => {
    const sameIp = Array.from({ length: g.ipPerWindow }, () => fact({ sameIp: true }))
    expect(
      decideHold({ ...input(sameIp, { size: eventSize({ kind: 'visit', record: { method: 'forum', peopleMet: { count: 300 } } }, g) }), fresh: false })
    ).toEqual(['ipBurst'])
    expect(decideHold({ ...input(sameIp.slice(1)), fresh: false })).toEqual([])
  })
  it('holds a person’s third rating of one cadre in a month, and beyond their daily limit; never a fix', () => {
    const mine = (o: Partial<GuardFact> = {}) => fact({ sameEvent: false, sameRater: true, ...o })
    expect(decideHold({ ...input([mine(), mine()]), fresh: false })).toEqual(['repeatRater'])
    expect(decideHold({ ...input([mine(), mine({ cadreId: 'c2' })]), fresh: false })).toEqual([])
    expect(decideHold({ ...input([mine(), mine({ month: '2026-02' })]), fresh: false })).toEqual([])
    const day = Array.from({ length: g.perDay }, (_, i) => mine({ cadreId: `c${i + 10}` }))
    expect(decideHold({ ...input(day), fresh: false })).toEqual(['dailyLimit'])
    expect(
      decideHold({ ...input([mine(), mine(), fact(), fact(), fact()], { targetKind: 'fix', size: eventSize({ kind: 'fix' }, g) }), fresh: false })
    ).toEqual([])
  })
  it('calls a rater new when none of their ratings is older than a day', () => {
    expect(isFresh(now, [])).toBe(true)
    expect(isFresh(now, [fact({ sameRater: true, createdAt: minutesAgo(60) })])).toBe(true)
    expect(isFresh(now, [fact({ sameRater: true, createdAt: minutesAgo(25 * 60) })])).toBe(false)
    expect(isFresh(now, [fact({ sameRater: false, createdAt: minutesAgo(25 * 60) })])).toBe(true)
  })
  it('keys a rating by its event and by its rater’s month (a hash, never the openid)', () => {
    expect(eventGuardKey('visit', 'v1')).toBe('e|visit|v1')
    expect(raterGuardKey('abc', '2026-03')).toBe('r|abc|2026-03')
  })
  it('the rules are 制度: the defaults pass their own schema', () => {
    expect(RatingGuard.parse(g)).toEqual(g)
  })
})

/**
 * Ratings arrive concurrently: each is written, then reads the others. Whatever the interleaving, no more than
 * the event's size count — the j-th written sees the j−1 written before it.
 */
describe('written first, read after: never more counted than the rule allows, in any interleaving', () => {
  it('holds the cap under every order of writes and reads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        (cap, raters, choices) => {
          // Each rater: 'w' (write) then 'r' (read). Interleave them by the random choices.
          const pending = Array.from({ length: raters }, (_, i) => [`w${i}`, `r${i}`])
          const written = new Set<number>()
          let counted = 0
          let k = 0
          while (pending.some((p) => p.length)) {
            const live = pending.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0)
            const i = live[(choices[k++ % choices.length] ?? 0) % live.length]
            const step = pending[i].shift()!
            if (step.startsWith('w')) written.add(i)
            else {
              const others = [...written].filter((j) => j !== i).map(() => fact())
              const size = { cap, freshLimit: cap, basis: '' }
              if (decideHold({ ...input(others, { size }), fresh: false }).length === 0) counted += 1
            }
          }
          return counted <= cap && (raters > cap || counted >= 1)
        }
      )
    )
  })
})
