import type { z } from '@/types/zod'
import type { ExportJob, ExportStartInput } from '@/types/exports'
import { requireManager, requireManagerOf, requireStaff, resolveCadre } from '../../_lib/auth'
import { type OrgDoc, type UserDoc } from '../../_lib/collections'
import { MIN_RESULTS } from '@/types/rules/surveys'
import { requireReader, surveyOrThrow } from '../../_lib/surveys'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { inTransaction } from '../../_lib/tx'
import { LEASE_MS, answer, findJob, jobDocId, type ExportJobDoc } from '../jobs'
import { scopeOf, work } from '../run'
import { sources } from '../sources'
import { leaseAndWork } from './continue'
import { byId, txGet } from '../../_lib/by-id'

/**
 * Starts an export of the caller's subtree (or a unit in it) and works on it in this call. The same job id
 * again (a double tap, a retry after a lost reply) answers with that job and, if nobody is working on it, goes on.
 */
export async function start(input: z.output<typeof ExportStartInput>, ctx: RequestContext): Promise<ExportJob> {
  const user = await requireStaff(ctx)
  const id = jobDocId(user._id, input.jobId)
  const target = await targetOf(input, user)
  const existing = await findJob(id)
  if (existing) {
    if (
      existing.kind !== input.kind ||
      existing.orgId !== target.orgId ||
      existing.period !== input.period ||
      (existing.cadreId ?? null) !== target.cadreId ||
      (existing.surveyId ?? null) !== target.surveyId
    ) {
      throw new AppError('CONFLICT', '这个导出编号已用于另一份报表，请重新点“导出”')
    }
    return leaseAndWork(id, ctx, input.stepMs)
  }
  const source = sources[input.kind]
  if (!source) throw new AppError('BAD_REQUEST', '这类报表暂时还不能导出')
  const { orgId } = target
  // Only for the progress bar: a count that fails or is too slow leaves it unknown (0), the export goes on.
  const estimatedTotal = await source
    .count(await scopeOf({ orgId, period: input.period, cadreId: target.cadreId, surveyId: target.surveyId }, ctx.now))
    .catch((err: unknown) => {
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
    orgName: target.name,
    orgPath: target.orgPath,
    period: input.period,
    cadreId: target.cadreId,
    surveyId: target.surveyId,
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
    if (await txGet(tx, 'exportJobs', id)) return false
    const { _id, ...data } = fresh
    await tx
      .collection('exportJobs')
      .doc(_id)
      .set({ data: data as unknown as Record<string, unknown> })
    return true
  })
  if (!created) return leaseAndWork(id, ctx, input.stepMs)
  return answer(await work(fresh, input.stepMs), new Date())
}

/**
 * What the export covers, and whether the caller may have it. A unit's ledgers, ratings, rankings and packs: its
 * managers (the caller's subtree). One cadre's pack: the cadre or their managers. A survey's answers: its author or a
 * manager above them, from three answers on (as the results page).
 */
async function targetOf(input: z.output<typeof ExportStartInput>, user: UserDoc) {
  if (input.kind === 'survey') {
    if (!input.surveyId) throw new AppError('BAD_REQUEST', '请选择要导出的问卷')
    const s = await surveyOrThrow(input.surveyId)
    requireReader(user, s)
    if ((s.tally?.total ?? 0) < MIN_RESULTS) throw new AppError('CONFLICT', `答卷少于 ${MIN_RESULTS} 份，暂不能导出（少量答卷可能让人认出是谁填的）`)
    return { orgId: s.orgId, orgPath: s.orgPath, name: s.title, cadreId: null, surveyId: s._id }
  }
  if (input.kind === 'pack' && input.cadreId) {
    const cadre = await resolveCadre(user, input.cadreId)
    return { orgId: cadre.orgId, orgPath: cadre.orgPath, name: cadre.name, cadreId: cadre._id, surveyId: null }
  }
  requireManager(user)
  const orgId = input.orgId ?? user.orgId
  const org = await byId<OrgDoc>('orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(user, org.path, '您只能导出您管理范围内的数据')
  return { orgId, orgPath: org.path, name: org.name, cadreId: null, surveyId: null }
}
