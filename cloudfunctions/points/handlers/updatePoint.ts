import type { z } from '@/types/zod'
import type { pointsApi } from '@/types/api/points'
import type { LiaisonPoint } from '@/types/points'
import { collection, type LiaisonPointDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { toPoint } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * Managers edit a point or hand it to another cadre; both the current and the new cadre must be in
 * their subtree. Past visits keep the point's name and place as they were at the check-in.
 */
export async function updatePoint(input: z.output<typeof pointsApi.updatePoint.input>, ctx: RequestContext): Promise<LiaisonPoint> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const point = await byId<LiaisonPointDoc>('liaisonPoints', input.pointId)
  if (!point) throw new AppError('NOT_FOUND', '没有找到这个联系点')
  const owner = await findUserById(point.cadreId)
  requireManagerOf(user, owner?.orgPath ?? [point.orgId], '这个联系点不在您管理的范围内')

  let orgId = point.orgId
  if (input.cadreId && input.cadreId !== point.cadreId) {
    const next = await findUserById(input.cadreId)
    if (!next || next.role !== 'cadre' || next.active === false) throw new AppError('NOT_FOUND', '没有找到要分配的干部')
    requireManagerOf(user, next.orgPath, '要分配的干部不在您管理的范围内')
    orgId = next.orgId
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    ...(input.radiusM !== undefined ? { radiusM: input.radiusM } : {}),
    cadreId: input.cadreId ?? point.cadreId,
    orgId
  }
  const updated: LiaisonPointDoc = { ...point, ...changes }
  const { _id, ...doc } = updated
  await collection('liaisonPoints').doc(point._id).set({ data: doc })
  return toPoint(updated)
}
