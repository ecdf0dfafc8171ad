import type { z } from '@/types/zod'
import type { VisitDetail, VisitRecordInput } from '@/types/visits'
import { type HouseholdDoc, type VisitDoc, type VisitRecordDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { raiseDemandsFromVisit } from '../demands'
import { RECORD_EDIT_DAYS, RECORD_EDIT_MS, toDetail } from '../shared'
import { keepVoice } from '../../_lib/voices'
import { byId, txGet } from '../../_lib/by-id'

type Input = z.output<typeof VisitRecordInput>

/**
 * 走访记录: written or edited by the visit's cadre within 7 days of the check-in. Households newly named
 * get lastVisitAt / visits this year moved on (and moved back if taken off the record), in the same
 * transaction as the record; problems go through raiseDemandsFromVisit (the seam to the demands ledger); the
 * record's 三问 are kept beside the visit (collection voices), where they are read back.
 */
export async function saveRecord(input: Input, ctx: RequestContext): Promise<VisitDetail> {
  const user = await requireCadre(ctx)
  const found = await byId<VisitDoc>('visits', input.visitId)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这次打卡，请先打卡再写走访记录')
  if (found.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能填写自己的走访记录')
  if (ctx.now.getTime() > new Date(found.createdAt).getTime() + RECORD_EDIT_MS) {
    throw new AppError('BAD_REQUEST', `走访记录只能在打卡后 ${RECORD_EDIT_DAYS} 天内填写或修改，这次打卡已经超过了`)
  }
  const householdIds = [...new Set(input.householdIds)]

  return inTransaction(async (tx) => {
    const ref = tx.collection('visits').doc(input.visitId)
    const v = await txGet<VisitDoc>(tx, 'visits', input.visitId)
    if (!v) throw new AppError('NOT_FOUND', '没有找到这次打卡，请先打卡再写走访记录')
    const before = new Set(v.record?.householdIds ?? [])
    const added = householdIds.filter((h) => !before.has(h))
    const removed = [...before].filter((h) => !householdIds.includes(h))

    for (const [i, hid] of [...added, ...removed].entries()) {
      const hRef = tx.collection('households').doc(hid)
      const h = (await hRef.get()).data as unknown as HouseholdDoc | null
      const isAdd = i < added.length
      if (!h || h.cadreId !== user._id) {
        if (!isAdd) continue
        throw new AppError('BAD_REQUEST', `第 ${householdIds.indexOf(hid) + 1} 户不在您的五必访名册里，请重新选择`)
      }
      const { _id, ...rest } = isAdd ? visited(h, v) : unvisited(h, v)
      await hRef.set({ data: rest as unknown as Record<string, unknown> })
    }

    const problems = await raiseDemandsFromVisit(tx, { ...v, _id: input.visitId }, input.problems, user, ctx.now)
    const record: VisitRecordDoc = {
      category: input.category,
      method: input.method,
      ...(input.policy ? { policy: input.policy } : {}),
      ...(input.needs ? { needs: input.needs } : {}),
      ...(input.advice ? { advice: input.advice } : {}),
      peopleMet: { count: input.peopleMet.count, ...(input.peopleMet.text ? { text: input.peopleMet.text } : {}) },
      householdIds,
      problems,
      savedAt: ctx.now
    }
    const updated: VisitDoc = { ...v, record }
    const { _id, ...doc } = updated
    await ref.set({ data: doc as unknown as Record<string, unknown> })
    await keepVoice(tx, { ...updated, _id: input.visitId }, record)
    return toDetail(updated)
  })
}

function visited(h: HouseholdDoc, v: VisitDoc): HouseholdDoc {
  const at = new Date(v.visitedAt)
  const lastVisitAt = h.lastVisitAt && new Date(h.lastVisitAt) > at ? h.lastVisitAt : at
  if (h.visitsYear !== null && h.visitsYear > v.year) return { ...h, lastVisitAt, visited: true }
  const visitsInYear = h.visitsYear === v.year ? h.visitsInYear + 1 : 1
  return { ...h, lastVisitAt, visitsYear: v.year, visitsInYear, visited: true }
}

/** Taken off a record: the count goes back; lastVisitAt stays (it is not recomputed from history). */
function unvisited(h: HouseholdDoc, v: VisitDoc): HouseholdDoc {
  if (h.visitsYear !== v.year) return h
  return { ...h, visitsInYear: Math.max(0, h.visitsInYear - 1) }
}
