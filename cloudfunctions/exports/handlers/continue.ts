import type { z } from '@/types/zod'
import type { ExportContinueInput, ExportJob } from '@/types/exports'
import { requireStaff } from '../../_lib/auth'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { inTransaction } from '../../_lib/tx'
import { LEASE_MS, answer, findJob, jobDocId, type ExportJobDoc } from '../jobs'
import { work } from '../run'
import { txGet } from '../../_lib/by-id'

/**
 * Takes the job's lease (unless a live call holds it or the job is finished) and works on it; otherwise answers
 * with the job as it is. Two taps on 继续 work once.
 */
export async function leaseAndWork(id: string, ctx: RequestContext, stepMs?: number): Promise<ExportJob> {
  const leased = await inTransaction(async (tx) => {
    const doc = await txGet<Omit<ExportJobDoc, '_id'>>(tx, 'exportJobs', id)
    if (!doc) throw new AppError('NOT_FOUND', '没有找到这次导出')
    if (doc.status !== 'running') return null
    if (doc.leaseUntil && new Date(doc.leaseUntil).getTime() > ctx.now.getTime()) return null
    const leaseUntil = new Date(ctx.now.getTime() + LEASE_MS)
    await tx.collection('exportJobs').doc(id).update({ data: { leaseUntil } })
    return { ...doc, _id: id, leaseUntil } as ExportJobDoc
  })
  if (leased) return answer(await work(leased, stepMs), new Date())
  const job = await findJob(id)
  if (!job) throw new AppError('NOT_FOUND', '没有找到这次导出')
  return answer(job, ctx.now)
}

/** The caller's own job only: another manager's job id is simply not found. */
export async function continueJob(input: z.output<typeof ExportContinueInput>, ctx: RequestContext): Promise<ExportJob> {
  const user = await requireStaff(ctx)
  return leaseAndWork(jobDocId(user._id, input.jobId), ctx, input.stepMs)
}
