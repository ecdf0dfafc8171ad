import type { z } from '@/types/zod'
import type { HouseholdProfile, householdBookInput } from '@/types/household-book'
import { beijingYear } from '@/types/rules/beijing-time'
import { hasPersonalNumber } from '@/types/rules/personal-numbers'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { householdFor, toProfile } from '../shared'

/**
 * 知百家情: the household's circumstances and needs, written or confirmed (its cadre or their managers). Minimal by
 * rule: a text with a phone or ID-card number is refused. Marks the household known for this Beijing year.
 */
export async function setProfile(input: z.output<typeof householdBookInput.setProfile>, ctx: RequestContext): Promise<HouseholdProfile> {
  const user = await requireStaff(ctx)
  const h = await householdFor(user, input.householdId)
  const needs = input.needs ?? ''
  if (hasPersonalNumber(input.circumstances) || hasPersonalNumber(needs)) {
    throw new AppError('BAD_REQUEST', '一户一册只记最少的信息：请不要填写身份证号或电话号码')
  }
  const profile = {
    circumstances: input.circumstances,
    needAreas: [...new Set(input.needAreas)],
    needs,
    updatedAt: ctx.now,
    updatedBy: user._id,
    updatedByName: user.name
  }
  const year = beijingYear(ctx.now)
  await collection('households')
    .doc(h._id)
    .update({ data: { profile, knownYear: year, knownYears: _.addToSet(year) } })
  return toProfile(profile)
}
