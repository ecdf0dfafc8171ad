import type { z } from '../../../types/zod'
import type { visitApi } from '../../../types/api/visit'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { toDetail } from '../shared'
import { rows } from '../../_lib/query'

export async function get(input: z.output<typeof visitApi.get.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const data = await rows<unknown>(collection('visits').where({ _id: input.visitId }).limit(1))
  const v = data[0] as VisitDoc | undefined
  if (!v) throw new AppError('NOT_FOUND', '没有找到这条走访记录')
  requireSelfOrManager(user, v, '您只能查看自己或您管理范围内干部的走访')
  return toDetail(v)
}
