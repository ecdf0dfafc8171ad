import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import { beijingYear } from '@/types/rules/beijing-time'
import { collection, type ReportDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { toReport } from '../shared'

/** A cadre's 调研报告 of one year (default this year), newest first, by the cadre_year_time index. */
export async function listReports(input: z.output<typeof diaryApi.listReports.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const year = input.year ?? beijingYear(ctx.now)
  // A cadre files a handful a year; 100 is far beyond it.
  const docs = await rows<ReportDoc>(collection('reports').where({ cadreId: cadre._id, year }).orderBy('createdAt', 'desc').limit(100))
  return { year, items: docs.map(toReport) }
}
