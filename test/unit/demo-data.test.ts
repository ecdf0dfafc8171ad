import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'

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
})
