import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import type { ReportDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { tempUrls } from '../shared'
import { byId } from '../../_lib/by-id'

const MAX_AGE_S = 3600

/** A temporary download link to a report, for its cadre or their managers. */
export async function reportUrl(input: z.output<typeof diaryApi.reportUrl.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const r = await byId<ReportDoc>('reports', input.reportId)
  if (!r) throw new AppError('NOT_FOUND', '没有找到这份报告')
  requireSelfOrManager(user, r, '调研报告只有干部本人和他的管理员可以看')
  const [u] = await tempUrls([r.fileID], MAX_AGE_S)
  if (!u || u.status !== 0 || !u.tempFileURL) throw new AppError('NOT_FOUND', '报告文件找不到了，请重新上传')
  return { url: u.tempFileURL, name: r.name, expiresAt: new Date(ctx.now.getTime() + MAX_AGE_S * 1000).toISOString() }
}
