import type { z } from '../../../types/zod'
import type { Report, ReportAddInput } from '../../../types/diary'
import { beijingYear } from '../../../types/rules/beijing-time'
import { allowedExtension, extensionHint } from '../../../types/rules/diary'
import type { ReportDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { bumpStats, findById, reportDocId, requireOwnFiles, toReport } from '../shared'

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
  const existing = await findById<ReportDoc>('reports', id)
  if (existing) return replay(existing, input)
  await requireOwnFiles('report', user._id, [input.fileID])

  try {
    return await inTransaction(async (tx) => {
      const again = (await tx.collection('reports').doc(id).get()).data as unknown as ReportDoc | null
      if (again) return replay(again, input)
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
    })
  } catch (err) {
    if (!(err instanceof AppError)) {
      const winner = await findById<ReportDoc>('reports', id)
      if (winner) return replay(winner, input)
    }
    throw err
  }
}

function replay(r: ReportDoc, input: Input): Report {
  if (r.fileID !== input.fileID) throw new AppError('CONFLICT', '这个报告编号已经用过了，请重新上传')
  return toReport(r)
}
