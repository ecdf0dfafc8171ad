import type { z } from '@/types/zod'
import type { HelpEntry, householdBookInput } from '@/types/household-book'
import { beijingDate } from '@/types/rules/beijing-time'
import { applyHelp } from '@/types/rules/four-hundred'
import { hasPersonalNumber } from '@/types/rules/personal-numbers'
import { type HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import type { DemandDoc } from '../../_lib/service'
import { householdFor, toHelp, type HelpDoc } from '../shared'
import { byId, txGet } from '../../_lib/by-id'

export const MAX_LINKED = 30

/**
 * 慰问 or 帮扶 given to a household, dated (not in the future). A 帮扶 marked resolved with a ledger entry needs that
 * entry finished. In one transaction: the entry (its _id from the phone, so a retry lands once) and the household's
 * per-year help counts, from which 解百家忧 and 暖百家心 follow.
 */
export async function addHelp(input: z.output<typeof householdBookInput.addHelp>, ctx: RequestContext): Promise<HelpEntry> {
  const user = await requireStaff(ctx)
  const h = await householdFor(user, input.householdId)
  if (input.date > beijingDate(ctx.now)) throw new AppError('BAD_REQUEST', '日期不能晚于今天')
  if (input.date < '2020-01-01') throw new AppError('BAD_REQUEST', '日期不对')
  if (hasPersonalNumber(input.what)) throw new AppError('BAD_REQUEST', '请不要填写身份证号或电话号码')
  const solved = input.kind === 'support' && input.solved
  if (input.demandId) {
    const d = await byId<DemandDoc>('demands', input.demandId)
    if (!d || d.cadreId !== h.cadreId) throw new AppError('NOT_FOUND', '没有找到这位干部台账里的这条诉求')
    if (solved && !d.finishedAt) throw new AppError('BAD_REQUEST', '这条诉求还没有办结，办结后再标为已解决')
  }
  const id = `${h._id}_${input.entryId}`
  const doc: HelpDoc = {
    _id: id,
    householdId: h._id,
    cadreId: h.cadreId,
    orgPath: h.orgPath,
    kind: input.kind,
    what: input.what,
    date: input.date,
    year: Number(input.date.slice(0, 4)),
    solved,
    demandId: input.demandId ?? null,
    by: user._id,
    byName: user.name,
    createdAt: ctx.now
  }
  const saved = await inTransaction(async (tx) => {
    const there = await txGet<HelpDoc>(tx, 'householdHelp', id)
    if (there) return { ...there, _id: id }
    const ref = tx.collection('households').doc(h._id)
    const cur = await txGet<HouseholdDoc>(tx, 'households', h._id)
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这一户')
    const linked = cur.demandIds ?? []
    const demandIds = doc.demandId && !linked.includes(doc.demandId) ? [...linked, doc.demandId].slice(-MAX_LINKED) : linked
    await ref.update({ data: { ...applyHelp(cur, doc, 1), demandIds } })
    const { _id, ...rest } = doc
    await tx.collection('householdHelp').add({ data: { _id, ...rest } })
    return doc
  })
  return toHelp(saved, user._id, ctx.now)
}
