import type { Household } from '../../types/cadre-work'
import type { HouseholdDoc } from '../_lib/collections'

export function toHousehold(h: HouseholdDoc, year: number): Household {
  return {
    id: h._id,
    kind: h.kind,
    displayName: h.displayName,
    area: h.area,
    cadreId: h.cadreId,
    orgId: h.orgId,
    lastVisitAt: h.lastVisitAt ? new Date(h.lastVisitAt).toISOString() : null,
    visitsThisYear: h.visitsYear === year ? h.visitsInYear : 0,
    neverVisited: !h.visited
  }
}
