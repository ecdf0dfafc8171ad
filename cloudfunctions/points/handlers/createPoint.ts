import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { pointsApi } from '@/types/api/points'
import type { LiaisonPoint } from '@/types/points'
import { beijingYear } from '@/types/rules/beijing-time'
import { effectiveRules } from '../../_lib/org-rules'
import { collection, type LiaisonPointDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { toPoint } from '../shared'
import { MAX_POINTS } from './overview'
import { countOf } from '../../_lib/query'

/** Managers create a liaison point for a cadre of their subtree. */
export async function createPoint(input: z.output<typeof pointsApi.createPoint.input>, ctx: RequestContext): Promise<LiaisonPoint> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cadre = await findUserById(input.cadreId)
  if (!cadre || cadre.role !== 'cadre' || cadre.active === false) throw new AppError('NOT_FOUND', '没有找到这位干部')
  requireManagerOf(user, cadre.orgPath, '这位干部不在您管理的范围内')
  const total = await countOf(collection('liaisonPoints').where({ cadreId: cadre._id }))
  if (total >= MAX_POINTS) throw new AppError('BAD_REQUEST', `每位干部最多 ${MAX_POINTS} 个联系点`)
  const point: LiaisonPointDoc = {
    _id: `lp-${randomUUID()}`,
    name: input.name,
    kind: input.kind,
    address: input.address,
    location: input.location,
    // Without a radius, the 制度 of the cadre's organisation for this year decides.
    radiusM: input.radiusM ?? (await effectiveRules(cadre.orgPath, beijingYear(ctx.now))).rules.checkInRadiusM,
    orgId: cadre.orgId,
    cadreId: cadre._id,
    createdAt: ctx.now
  }
  await collection('liaisonPoints').add({ data: { ...point } })
  return toPoint(point)
}
