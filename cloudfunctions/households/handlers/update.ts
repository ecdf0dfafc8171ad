import type { z } from '@/types/zod'
import type { householdsApi } from '@/types/api/households'
import type { Household } from '@/types/households'
import { beijingYear } from '@/types/rules/beijing-time'
import { collection, type HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { toHousehold } from '../shared'
import { byId } from '../../_lib/by-id'

/** Correct a household's kind, name or area (its cadre or their managers). Visit figures are not editable. */
export async function update(input: z.output<typeof householdsApi.update.input>, ctx: RequestContext): Promise<Household> {
  const user = await requireStaff(ctx)
  const h = await byId<HouseholdDoc>('households', input.householdId)
  if (!h) throw new AppError('NOT_FOUND', '没有找到这一户')
  requireSelfOrManager(user, h, '这一户不在您的名册或管理范围内')
  const updated: HouseholdDoc = {
    ...h,
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.area !== undefined ? { area: input.area } : {})
  }
  // Only the three fields: the visit and help counts move in their own transactions and must not be overwritten.
  await collection('households')
    .doc(h._id)
    .update({ data: { kind: updated.kind, displayName: updated.displayName, area: updated.area } })
  return toHousehold(updated, beijingYear(ctx.now))
}
