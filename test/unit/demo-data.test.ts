import { buildDemoData, demoAccounts, demoInstant } from '@/scripts/seed/demo-data'

describe('demo data', () => {
  const data = buildDemoData()

  it('is the same every time (seeding is idempotent)', () => {
    expect(buildDemoData()).toEqual(data)
  })

  it('has unique ids and openids', () => {
    for (const docs of [data.orgs, data.users, data.liaisonPoints, data.contacts]) {
      expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length)
    }
    expect(new Set(data.users.map((u) => u.openid)).size).toBe(data.users.length)
  })

  it('covers the three systems from province to county with consistent paths', () => {
    const byId = new Map(data.orgs.map((o) => [o._id, o]))
    for (const org of data.orgs) {
      const parent = org.parentId ? byId.get(org.parentId) : null
      expect(org.path).toEqual([...(parent?.path ?? []), org._id])
      expect(org.pathNames).toEqual([...(parent?.pathNames ?? []), org.name])
      if (parent) expect(parent.system).toBe(org.system)
    }
    expect(new Set(data.orgs.map((o) => o.system))).toEqual(new Set(['union', 'league', 'women']))
  })

  it('places liaison points in Qinghai, owned by cadres of their own county', () => {
    const users = new Map(data.users.map((u) => [u._id, u]))
    for (const p of data.liaisonPoints) {
      expect(p.location.lat).toBeGreaterThan(31)
      expect(p.location.lat).toBeLessThan(40)
      expect(p.location.lng).toBeGreaterThan(89)
      expect(p.location.lng).toBeLessThan(104)
      expect(users.get(p.cadreId)?.orgId).toBe(p.orgId)
    }
  })

  it('names demo accounts that exist, including a cadre whose 两联 is incomplete', () => {
    const openids = new Set(data.users.map((u) => u.openid))
    for (const [kind, openid] of Object.entries(demoAccounts)) {
      if (kind !== 'resident') expect(openids.has(openid)).toBe(true)
    }
    const incomplete = data.users.find((u) => u.openid === demoAccounts.cadreIncomplete)!
    expect(data.contacts.filter((c) => c.cadreId === incomplete._id)).toHaveLength(0)
  })

  it('dates the demo cadre’s visits as written on a 2026 clock, and in the year before a later one', () => {
    expect(demoInstant('2026-11-18T02:00:00Z', new Date('2026-12-31T14:00:00Z'))).toBe('2026-11-18T02:00:00Z')
    expect(demoInstant('2026-11-18T02:00:00Z', new Date('2027-01-10T02:00:00Z'))).toBe('2026-11-18T02:00:00.000Z')
    expect(demoInstant('2026-03-04T02:00:00Z', new Date('2028-06-20T02:00:00Z'))).toBe('2028-03-04T02:00:00.000Z')
    expect(buildDemoData(undefined, new Date('2026-06-16T02:00:00Z')).visits.map((v) => v.date)).toEqual(data.visits.map((v) => v.date))

    const clock = new Date('2027-06-20T02:00:00Z')
    const later = buildDemoData(undefined, clock)
    const cadre = later.users.find((u) => u.openid === demoAccounts.cadre)!
    const visits = later.visits.filter((v) => v.cadreId === cadre._id)
    expect(visits).toHaveLength(data.visits.length)
    for (const v of visits) {
      expect(v.visitedAt.getTime()).toBeLessThanOrEqual(clock.getTime())
      expect(v.visitedAt.getTime()).toBeGreaterThan(clock.getTime() - 366 * 86_400_000)
    }
    // This year's figures are this year's visits: 4 and 18 March (two that day), 9 April, 13 May, 17 June 2027.
    const thisYear = later.visitStats.find((s) => s.cadreId === cadre._id && s.year === 2027)!
    expect(thisYear.days).toBe(new Set(visits.filter((v) => v.year === 2027 && v.status === 'counted').map((v) => v.date)).size)
    expect(thisYear.days).toBe(5)
    // The latest counted visit is the one with a record.
    const counted = visits.filter((v) => v.status === 'counted').sort((a, b) => a.visitedAt.getTime() - b.visitedAt.getTime())
    expect(counted.at(-1)!.record).toBeDefined()
    expect(counted.filter((v) => v.record)).toHaveLength(1)
  })
})
