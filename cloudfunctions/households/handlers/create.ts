import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { householdsApi } from '@/types/api/households'
import type { Household } from '@/types/households'
import { beijingYear } from '@/types/rules/beijing-time'
import { collection, type HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { toHousehold } from '../shared'
import { countOf } from '../../_lib/query'

export const MAX_HOUSEHOLDS = 200

/** The cadre adds a household to their own registry, or a manager adds one for a cadre of their subtree. */
export async function create(input: z.output<typeof householdsApi.create.input>, ctx: RequestContext): Promise<Household> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const total = await countOf(collection('households').where({ cadreId: cadre._id }))
  if (total >= MAX_HOUSEHOLDS) throw new AppError('BAD_REQUEST', `每位干部的五必访名册最多 ${MAX_HOUSEHOLDS} 户`)
  const h: HouseholdDoc = {
    _id: `hh-${randomUUID()}`,
    kind: input.kind,
    displayName: input.displayName,
    area: input.area,
    cadreId: cadre._id,
    orgId: cadre.orgId,
    orgPath: cadre.orgPath,
    lastVisitAt: null,
    visitsYear: null,
    visitsInYear: 0,
    visited: false,
    createdAt: ctx.now
  }
  await collection('households').add({ data: { ...h } })
  return toHousehold(h, beijingYear(ctx.now))
}
