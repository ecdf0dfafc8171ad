import type { z } from '../../../types/zod'
import type { ExportJob, ExportStartInput } from '../../../types/exports'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { rows } from '../../_lib/query'
import { inTransaction } from '../../_lib/tx'
import { LEASE_MS, answer, findJob, jobDocId, type ExportJobDoc } from '../jobs'
import { scopeOf, work } from '../run'
import { sources } from '../sources'
import { leaseAndWork } from './continue'

/**
 * Starts an export of the caller's subtree (or a unit in it) and works on it in this call. The same job id
 * again (a double tap, a retry after a lost reply) answers with that job and, if nobody is working on it, goes on.
 */
export async function start(input: z.output<typeof ExportStartInput>, ctx: RequestContext): Promise<ExportJob> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const id = jobDocId(user._id, input.jobId)
  const orgId = input.orgId ?? user.orgId
  const existing = await findJob(id)
  if (existing) {
    if (existing.kind !== input.kind || existing.orgId !== orgId || existing.period !== input.period) {
      throw new AppError('CONFLICT', '这个导出编号已用于另一份报表，请重新点“导出”')
    }
    return leaseAndWork(id, ctx, input.stepMs)
  }
  const [org] = await rows<OrgDoc>(collection('orgs').where({ _id: orgId }).limit(1))
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(user, org.path, '您只能导出您管理范围内的数据')
  const source = sources[input.kind]
  if (!source) throw new AppError('BAD_REQUEST', '这类报表暂时还不能导出')
  // Only for the progress bar: a count that fails or is too slow leaves it unknown (0), the export goes on.
  const estimatedTotal = await source.count(await scopeOf({ orgId, period: input.period }, ctx.now)).catch((err: unknown) => {
    console.warn('[exports] count failed', err)
    return 0
  })
  const now = ctx.now
  const fresh: ExportJobDoc = {
    _id: id,
    jobId: input.jobId,
    ownerId: user._id,
    ownerName: user.name,
    kind: input.kind,
    orgId,
    orgName: org.name,
    orgPath: org.path,
    period: input.period,
    status: 'running',
    phase: 'paging',
    rowsDone: 0,
    rowsSaved: 0,
    estimatedTotal,
    cursor: null,
    parts: [],
    leaseUntil: new Date(now.getTime() + LEASE_MS),
    fileID: null,
    fileName: null,
    size: null,
    error: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null
  }
  const created = await inTransaction(async (tx) => {
    const got = await tx.collection('exportJobs').doc(id).get()
    if (got.data) return false
    const { _id, ...data } = fresh
    await tx.collection('exportJobs').doc(_id).set({ data: data as unknown as Record<string, unknown> })
    return true
  })
  if (!created) return leaseAndWork(id, ctx, input.stepMs)
  return answer(await work(fresh, input.stepMs), new Date())
}
