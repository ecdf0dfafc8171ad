import type { z } from '@/types/zod'
import type { ExportJob, ExportStatusInput } from '@/types/exports'
import { requireStaff } from '../../_lib/auth'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { answer, findJob, jobDocId } from '../jobs'

/** Progress, and a temporary link to the file once done. The caller's own job only. */
export async function status(input: z.output<typeof ExportStatusInput>, ctx: RequestContext): Promise<ExportJob> {
  const user = await requireStaff(ctx)
  const job = await findJob(jobDocId(user._id, input.jobId))
  if (!job) throw new AppError('NOT_FOUND', '没有找到这次导出')
  return answer(job, ctx.now)
}
