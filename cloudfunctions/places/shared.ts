import type { Place, PlaceMonth } from '@/types/places'
import type { System } from '@/types/enums'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import type { PlaceDoc, PlaceMonthDoc } from '../_lib/places'

export const toPlace = (p: PlaceDoc): Place => ({ code: p._id, name: p.name, town: p.town, countyCode: p.countyCode })

/** Places' months with their units named (one read of the places, one of the orgs). */
export async function named(months: PlaceMonthDoc[], month: string, extra: PlaceDoc[] = []): Promise<PlaceMonth[]> {
  const codes = [...new Set(months.map((m) => m.placeCode))].filter((c) => !extra.some((p) => p._id === c))
  const orgIds = [...new Set(months.flatMap((m) => Object.keys(m.units ?? {})))]
  const [places, orgs] = await Promise.all([
    codes.length
      ? rows<PlaceDoc>(
          collection('places')
            .where({ _id: _.in(codes) })
            .limit(codes.length)
        )
      : Promise.resolve([]),
    orgIds.length
      ? rows<OrgDoc>(
          collection('orgs')
            .where({ _id: _.in(orgIds) })
            .field({ name: true, system: true })
            .limit(orgIds.length)
        )
      : Promise.resolve([])
  ])
  const placeBy = new Map([...extra, ...places].map((p) => [p._id, p]))
  const orgBy = new Map(orgs.map((o) => [o._id, o]))
  return months.map((m) => {
    const p = placeBy.get(m.placeCode)
    const units = Object.entries(m.units ?? {})
      .map(([orgId, visits]) => ({ orgId, visits, org: orgBy.get(orgId) }))
      .filter((u): u is { orgId: string; visits: number; org: OrgDoc } => Boolean(u.org) && u.visits > 0)
      .sort((a, b) => b.visits - a.visits || a.org.name.localeCompare(b.org.name))
      .map((u) => ({ orgId: u.orgId, name: u.org.name, system: u.org.system, visits: u.visits }))
    const bySystem: Record<System, number> = { union: 0, league: 0, women: 0 }
    for (const u of units) bySystem[u.system] += u.visits
    return {
      place: p ? toPlace(p) : { code: m.placeCode, name: m.placeCode, town: '', countyCode: m.placeCode.slice(0, 6) },
      month,
      total: units.reduce((n, u) => n + u.visits, 0),
      bySystem,
      units
    }
  })
}
