import type { z } from '@/types/zod'
import type { householdBookInput } from '@/types/household-book'
import { applyHelp } from '@/types/rules/four-hundred'
import type { HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { HELP_EDIT_MS, householdFor, type HelpDoc } from '../shared'
import { txGet } from '../../_lib/by-id'

/** A mistaken entry taken back by its writer within 7 days; the household's counts move back in the same transaction. */
export async function removeHelp(input: z.output<typeof householdBookInput.removeHelp>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const h = await householdFor(user, input.householdId)
  return inTransaction(async (tx) => {
    const ref = tx.collection('householdHelp').doc(input.helpId)
    const entry = await txGet<HelpDoc>(tx, 'householdHelp', input.helpId)
    if (!entry || entry.householdId !== h._id) throw new AppError('NOT_FOUND', '没有找到这条记录')
    if (entry.by !== user._id) throw new AppError('FORBIDDEN', '只能撤回自己登记的记录')
    if (ctx.now.getTime() - new Date(entry.createdAt).getTime() >= HELP_EDIT_MS) throw new AppError('CONFLICT', '登记超过 7 天的记录不能撤回')
    const hRef = tx.collection('households').doc(h._id)
    const cur = (await hRef.get()).data as unknown as HouseholdDoc | null
    if (cur) await hRef.update({ data: applyHelp(cur, entry, -1) })
    await ref.remove()
    return { removed: true }
  })
}
