import type { z } from '@/types/zod'
import type { Exemplar, ExemplarMarkInput } from '@/types/exemplars'
import { demandAreas, fourInto } from '@/types/enums'
import { problemHandlingLabels } from '@/types/visits'
import { beijingDate } from '@/types/rules/beijing-time'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import type { DiaryEntryDoc, OrgDoc, VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import type { DemandDoc } from '../../_lib/service'
import { inTransaction } from '../../_lib/tx'
import { exemplarId, toExemplar, type ExemplarDoc } from '../shared'
import { byId, txGet } from '../../_lib/by-id'

interface Source {
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  date: string
  detail: string | null
}

async function sourceOf(kind: z.output<typeof ExemplarMarkInput>['kind'], id: string): Promise<Source> {
  if (kind === 'visit') {
    const v = await byId<VisitDoc>('visits', id)
    if (!v) throw new AppError('NOT_FOUND', '没有找到这次走访')
    if (v.status !== 'counted') throw new AppError('BAD_REQUEST', '这次走访还没有被认可（外勤待审核或未通过），不能设为典型')
    return { cadreId: v.cadreId, cadreName: v.cadreName, orgId: v.orgId, orgPath: v.orgPath, date: v.date, detail: `走访${fourInto.labels[v.pointKind] ?? ''}` }
  }
  if (kind === 'diary') {
    const e = await byId<DiaryEntryDoc>('diaryEntries', id)
    if (!e) throw new AppError('NOT_FOUND', '没有找到这篇民情日记')
    return { cadreId: e.cadreId, cadreName: e.cadreName, orgId: e.orgId, orgPath: e.orgPath, date: e.date, detail: null }
  }
  const d = await byId<DemandDoc>('demands', id)
  if (!d) throw new AppError('NOT_FOUND', '没有找到这件诉求')
  const solved = d.status === 'solved' || (d.status === 'closed' && d.path !== 'report' && d.path !== null)
  if (!solved) throw new AppError('BAD_REQUEST', '只有已经办结的诉求才能设为典型')
  return {
    cadreId: d.cadreId,
    cadreName: d.cadreName,
    orgId: d.orgId,
    orgPath: d.orgPath,
    date: beijingDate(d.finishedAt ?? d.closedAt ?? d.createdAt),
    detail: `${demandAreas.labels[d.area] ?? ''}·${d.path ? problemHandlingLabels[d.path] : ''}`
  }
}

/** A manager of the record's unit marks it; marking again replaces the words and keeps its place in the feed. */
export async function mark(input: z.output<typeof ExemplarMarkInput>, ctx: RequestContext): Promise<Exemplar> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const src = await sourceOf(input.kind, input.sourceId)
  requireManagerOf(user, src.orgPath, '只能把您管理范围内的记录设为典型')
  const org = await byId<OrgDoc>('orgs', src.orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到这条记录所在的单位')
  const id = exemplarId(input.kind, input.sourceId)
  const doc = await inTransaction(async (tx) => {
    const got = await txGet<Omit<ExemplarDoc, '_id'>>(tx, 'exemplars', id)
    const next: Omit<ExemplarDoc, '_id'> = {
      kind: input.kind,
      sourceId: input.sourceId,
      system: org.system,
      orgId: src.orgId,
      orgPath: src.orgPath,
      orgName: org.name,
      cadreId: src.cadreId,
      cadreName: src.cadreName,
      date: src.date,
      detail: src.detail,
      title: input.title,
      summary: input.summary,
      markedBy: got?.markedBy ?? user._id,
      markedByName: got?.markedByName ?? user.name,
      markedAt: got?.markedAt ? new Date(got.markedAt) : ctx.now,
      updatedAt: ctx.now
    }
    await tx
      .collection('exemplars')
      .doc(id)
      .set({ data: next as unknown as Record<string, unknown> })
    return { _id: id, ...next }
  })
  return toExemplar(doc, true)
}
