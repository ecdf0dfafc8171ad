import { grows } from '@/scripts/bench/report'
import { generate } from '@/scripts/bench/dataset'
import { VETERAN, type Batch } from '@/scripts/bench/common'
import { MAX_ACTIVE } from '@/scripts/bench/service-data'
import { generatePopulation } from '@/scripts/bench/population'
import { senderClock } from '@/scripts/bench/sender'
import type { BenchSize } from '@/scripts/bench/sizes'
import { checkRendered, render } from '@/types/reminders'
import { beijingDate } from '@/types/rules/beijing-time'

const row = (docsExamined: number, docsReturned: number) => ({ action: 'a', ok: true, dbOps: 1, docsExamined, docsReturned, p50Ms: 1, p95Ms: 1 })

describe('bench growth flag', () => {
  it('flags reads that grow beyond what is returned', () => {
    expect(grows(row(20, 20), row(2000, 20))).toBe(true)
    expect(grows(row(30, 20), row(90, 20))).toBe(true)
  })

  it('does not flag more results, nor a constant overhead', () => {
    expect(grows(row(7, 7), row(29, 29))).toBe(false)
    expect(grows(row(11, 1), row(11, 1))).toBe(false)
    expect(grows(row(3, 3), row(12, 3))).toBe(false)
  })
})

type Doc = Record<string, any>

function collect(batches: Iterable<Batch>): Record<string, Doc[]> {
  const out: Record<string, Doc[]> = {}
  for (const b of batches) {
    expect(b.docs.length).toBeLessThanOrEqual(1000)
    ;(out[b.collection] ??= []).push(...b.docs)
  }
  return out
}

describe('bench dataset: ratings, demands and their side documents', () => {
  const size: BenchSize = { name: 'unit', cadres: 12, visits: 4000, households: 20, ratings: 1200, demands: 400, surveyAnswers: 30, reminderCadres: 300 }
  const now = new Date('2026-06-17T04:00:00Z')
  const data = collect(generate(size, now))
  const count = (docs: Doc[], key: string) => docs.reduce((n, d) => n + (d.counts[key] ?? 0), 0)
  const months = (data.serviceStats ?? []).filter((s) => s.period.length === 7)
  const years = (data.serviceStats ?? []).filter((s) => s.period.length === 4)

  it('is the same for the same seed', () => {
    const again = collect(generate(size, now))
    expect(JSON.stringify(again)).toBe(JSON.stringify(data))
  })

  it('has about the asked numbers, each id once', () => {
    expect(data.ratings.length).toBeGreaterThan(size.ratings * 0.85)
    expect(data.ratings.length).toBeLessThan(size.ratings * 1.15)
    expect(data.demands.length).toBeGreaterThan(size.demands * 0.8)
    expect(data.demands.length).toBeLessThan(size.demands * 1.2)
    for (const name of ['ratings', 'demands', 'badReviewCases', 'serviceStats', 'scenes']) {
      expect(new Set(data[name].map((d) => d._id)).size).toBe(data[name].length)
    }
    expect(new Set(data.ratings.map((r) => `${r.targetKind} ${r.targetId} ${r.raterOpenid}`)).size).toBe(data.ratings.length)
  })

  it('keeps the month and year figures the functions would have kept', () => {
    expect(count(months, 'ratings')).toBe(data.ratings.length)
    expect(count(years, 'ratings')).toBe(data.ratings.length)
    expect(count(months, 'demandsRaised')).toBe(data.demands.filter((d) => d.status !== 'invalid').length)
    expect(count(months, 'invalid')).toBe(data.demands.filter((d) => d.status === 'invalid').length)
    expect(count(months, 'invalid')).toBeGreaterThan(0)
    expect(count(months, 'closed')).toBe(data.demands.filter((d) => d.status === 'closed').length)
    const bad = data.ratings.filter((r) => r.level === 'dissatisfied' || r.level === 'veryDissatisfied')
    expect(count(years, 'bad')).toBe(bad.length)
    expect(count(years, 'cases')).toBe(data.badReviewCases.length)
    expect(count(years, 'rectified')).toBe(data.badReviewCases.filter((c) => c.status === 'rectified').length)
    const scoreSum = data.ratings.reduce((n, r) => n + r.score, 0)
    expect(count(months, 'scoreSum')).toBe(scoreSum)
    for (const s of data.serviceStats) expect(s._id).toBe(`${s.cadreId}_${s.period}`)
  })

  it('opens a case for every 差评 and no other', () => {
    const cases = new Map(data.badReviewCases.map((c) => [c._id, c]))
    for (const r of data.ratings) {
      if (r.caseId) expect(cases.get(r.caseId)?.ratingId).toBe(r._id)
      expect(Boolean(r.caseId)).toBe(r.level === 'dissatisfied' || r.level === 'veryDissatisfied')
      expect(new Date(r.createdAt).getTime()).toBeLessThanOrEqual(now.getTime())
    }
    for (const c of data.badReviewCases) expect(c.active).toBe(c.status !== 'rectified')
  })

  it('keeps demands in states the ledger allows, open work bounded per cadre', () => {
    const active = new Map<string, number>()
    for (const d of data.demands) {
      expect(d.active).toBe(d.status === 'open' || d.status === 'coordinating')
      if (d.active) active.set(d.cadreId, (active.get(d.cadreId) ?? 0) + 1)
      expect(d.timeline[0].kind).toBe('raised')
      for (let i = 1; i < d.timeline.length; i++) expect(new Date(d.timeline[i].at).getTime()).toBeGreaterThanOrEqual(new Date(d.timeline[i - 1].at).getTime())
      expect(Boolean(d.closedAt)).toBe(d.status === 'closed')
      expect(Boolean(d.sceneCode)).toBe(d.status === 'closed')
      expect(d._id).toBe(`${d.visitId}_p1`)
      // the managers' queues: reports waiting in their unit, extensions only while it is being handled
      expect(Boolean(d.reportWaiting)).toBe(d.status === 'reported')
      if (d.extensionPending) expect(d.active).toBe(true)
    }
    for (const s of ['answered', 'invalid']) expect(data.demands.some((d) => d.status === s)).toBe(true)
    expect(Math.max(...active.values())).toBeLessThanOrEqual(MAX_ACTIVE)
  })

  it("has the veteran's scenes and reminder center", () => {
    const scenes = new Set(data.scenes.map((s) => s._id))
    for (const r of data.ratings.filter((x) => x.cadreId === VETERAN)) expect(scenes.has(r.scene)).toBe(true)
    for (const s of data.scenes) expect(s.cadreId).toBe(VETERAN)
    expect(data.reminders.length).toBe(104)
    expect(data.reminders.filter((r) => !r.read)).toHaveLength(3)
  })
})

describe('bench reminders population', () => {
  const clock = senderClock(new Date('2026-03-03T23:00:00Z'))
  const data = collect(generatePopulation(300, clock))

  it('pins the sender clock to 10:00 Beijing, moved past the first week of a month', () => {
    expect(clock.toISOString()).toBe('2026-03-08T02:00:00.000Z')
    expect(beijingDate(senderClock(new Date('2026-03-20T20:00:00Z')))).toBe('2026-03-21')
  })

  it('has users, their year stats and some quota, with names WeChat accepts', () => {
    expect(data.users).toHaveLength(300)
    expect(data.visitStats).toHaveLength(300)
    expect(data.subscriptions.length).toBeGreaterThan(50)
    for (const s of data.visitStats) expect(Object.values(s.daysByMonth as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(s.days)
    for (const u of data.users.slice(0, 50)) {
      expect(checkRendered('pace', render('pace', { cadreName: u.name, days: 3, expected: 20, target: 90 }))).toBeNull()
    }
  })
})
