import type { z } from '@/types/zod'
import type { ExportListInput } from '@/types/exports'
import { requireManager, requireStaff } from '../../_lib/auth'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { rows } from '../../_lib/query'
import { fileUrls, toJob, type ExportJobDoc } from '../jobs'

/** The caller's recent exports, newest first (index owner_time). */
export async function list(input: z.output<typeof ExportListInput>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const docs = await rows<ExportJobDoc>(
    collection('exportJobs').where({ ownerId: user._id }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(input.limit)
  )
  const urls = await fileUrls(docs)
  return { items: docs.map((d) => toJob(d, urls, ctx.now)) }
}
