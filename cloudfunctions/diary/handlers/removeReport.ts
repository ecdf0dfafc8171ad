import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import type { ReportDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { bumpStats, deleteQuietly } from '../shared'
import { byId } from '../../_lib/by-id'

/** The cadre takes back a report filed by mistake: record and count go in one transaction, then the file. */
export async function removeReport(input: z.output<typeof diaryApi.removeReport.input>, ctx: RequestContext) {
  const user = await requireCadre(ctx)
  const r = await byId<ReportDoc>('reports', input.reportId)
  if (!r) throw new AppError('NOT_FOUND', '没有找到这份报告')
  if (r.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能删除自己的报告')
  const removed = await inTransaction(async (tx) => {
    const ref = tx.collection('reports').doc(r._id)
    if (!(await ref.get()).data) return false
    await ref.remove()
    await bumpStats(tx, user, r.year, 'reports', -1, ctx.now)
    return true
  })
  if (removed) await deleteQuietly([r.fileID])
  return { removed }
}
