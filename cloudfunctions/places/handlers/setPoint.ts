import type { z } from '@/types/zod'
import type { placesInput } from '@/types/places'
import { collection, type LiaisonPointDoc, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff } from '../../_lib/auth'
import type { PlaceDoc } from '../../_lib/places'
import { toPlace } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * Places a liaison point at a village or community of its unit's area (the managers who assign points). Visits
 * counted from now on add to that place; earlier ones stay where they were counted.
 */
export async function setPoint(input: z.output<typeof placesInput.setPoint>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const point = await byId<LiaisonPointDoc>('liaisonPoints', input.pointId)
  if (!point) throw new AppError('NOT_FOUND', '没有找到这个联系点')
  const org = await byId<OrgDoc>('orgs', point.orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到联系点所属的单位')
  requireManagerOf(user, org.path, '只有管理员可以设置联系点所在的村（社区）')
  const place = await byId<PlaceDoc>('places', input.placeCode)
  if (!place) throw new AppError('NOT_FOUND', '没有找到这个村（社区），请从列表里选择')
  if (org.divisionCode && !place._id.startsWith(org.divisionCode)) throw new AppError('BAD_REQUEST', '这个村（社区）不在联系点所属单位的地区内')
  await collection('liaisonPoints')
    .doc(point._id)
    .update({ data: { placeCode: place._id } })
  return { pointId: point._id, place: toPlace(place) }
}
