import type { z } from '@/types/zod'
import type { Report, ReportAddInput } from '@/types/diary'
import { beijingYear } from '@/types/rules/beijing-time'
import { allowedExtension, extensionHint } from '@/types/rules/diary'
import type { ReportDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { bumpStats, reportDocId, requireOwnFiles, toReport } from '../shared'
import { byId } from '../../_lib/by-id'
import { createOnce } from '../../_lib/create-once'

type Input = z.output<typeof ReportAddInput>

/**
 * Files an uploaded 调研报告 under a year. The file must be in the cadre's own folder and really there;
 * the record lands once per reportId and is counted in the cadre-year statistics in the same transaction.
 */
export async function addReport(input: Input, ctx: RequestContext): Promise<Report> {
  const user = await requireCadre(ctx)
  if (!allowedExtension('report', input.name)) throw new AppError('BAD_REQUEST', extensionHint('report'))
  const thisYear = beijingYear(ctx.now)
  const year = input.year ?? thisYear
  if (year > thisYear) throw new AppError('BAD_REQUEST', '不能归到还没到的年份')
  const id = reportDocId(user._id, input.reportId)
  const existing = await byId<ReportDoc>('reports', id)
  if (existing) return replay(existing, input)
  await requireOwnFiles('report', user._id, [input.fileID])

  return createOnce<ReportDoc, Report>(
    'reports',
    id,
    (found) => replay(found, input),
    async (tx) => {
      const report: ReportDoc = {
        _id: id,
        reportId: input.reportId,
        cadreId: user._id,
        cadreName: user.name,
        orgId: user.orgId,
        orgPath: user.orgPath,
        title: input.title,
        year,
        fileID: input.fileID,
        name: input.name,
        size: input.size,
        createdAt: ctx.now
      }
      await bumpStats(tx, user, year, 'reports', 1, ctx.now)
      const { _id, ...doc } = report
      await tx.collection('reports').add({ data: { _id, ...doc } })
      return toReport(report)
    }
  )
}

function replay(r: ReportDoc, input: Input): Report {
  if (r.fileID !== input.fileID) throw new AppError('CONFLICT', '这个报告编号已经用过了，请重新上传')
  return toReport(r)
}
