import type { Household } from '@/types/households'
import { type HouseholdDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { requireSelfOrManager } from '../_lib/auth'
import { byId } from '../_lib/by-id'

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

// ---------------------------------------------------------------- 一户一册

export interface HelpDoc {
  /** `${householdId}_${entryId}` (the phone's id): a retry lands once. */
  _id: string
  householdId: string
  cadreId: string
  orgPath: string[]
  kind: import('@/types/household-book').HelpKind
  what: string
  date: string
  year: number
  solved: boolean
  demandId: string | null
  by: string
  byName: string
  createdAt: Date
}

export const HELP_EDIT_MS = 7 * 24 * 3600 * 1000

export function toHelp(d: HelpDoc, viewerId: string, now: Date): import('@/types/household-book').HelpEntry {
  return {
    id: d._id,
    kind: d.kind,
    what: d.what,
    date: d.date,
    solved: d.solved,
    demandId: d.demandId,
    byName: d.byName,
    createdAt: new Date(d.createdAt).toISOString(),
    removable: d.by === viewerId && now.getTime() - new Date(d.createdAt).getTime() < HELP_EDIT_MS
  }
}

export function toProfile(p: NonNullable<HouseholdDoc['profile']>): import('@/types/household-book').HouseholdProfile {
  return {
    circumstances: p.circumstances,
    needAreas: p.needAreas,
    needs: p.needs,
    updatedAt: new Date(p.updatedAt).toISOString(),
    updatedByName: p.updatedByName
  }
}

/** The household, if the caller is its cadre or one of their managers. */
export async function householdFor(user: import('../_lib/collections').UserDoc, id: string): Promise<HouseholdDoc> {
  const h = await byId<HouseholdDoc>('households', id)
  if (!h) throw new AppError('NOT_FOUND', '没有找到这一户')
  requireSelfOrManager(user, h, '这一户不在您的名册或管理范围内')
  return h
}
