import type { z } from '@/types/zod'
import type { householdBookInput } from '@/types/household-book'
import { collection, type HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { inTransaction } from '../../_lib/tx'
import type { DemandDoc } from '../../_lib/service'
import { householdFor } from '../shared'
import { MAX_LINKED } from './addHelp'
import { txGet } from '../../_lib/by-id'

/** Links one of the household's cadre's ledger entries to it (or unlinks it): shown in the book with its live state. */
export async function linkDemand(input: z.output<typeof householdBookInput.linkDemand>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const h = await householdFor(user, input.householdId)
  if (!input.unlink) {
    const [d] = await rows<DemandDoc>(collection('demands').where({ _id: input.demandId }).field({ cadreId: true }).limit(1))
    if (!d || d.cadreId !== h.cadreId) throw new AppError('NOT_FOUND', '没有找到这位干部台账里的这条诉求')
  }
  return inTransaction(async (tx) => {
    const ref = tx.collection('households').doc(h._id)
    const cur = await txGet<HouseholdDoc>(tx, 'households', h._id)
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这一户')
    const now = cur.demandIds ?? []
    let demandIds = now
    if (input.unlink) demandIds = now.filter((id) => id !== input.demandId)
    else if (!now.includes(input.demandId)) {
      if (now.length >= MAX_LINKED) throw new AppError('BAD_REQUEST', `一户最多关联 ${MAX_LINKED} 条诉求`)
      demandIds = [...now, input.demandId]
    }
    if (demandIds !== now) await ref.update({ data: { demandIds } })
    return { demandIds }
  })
}
