import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff, viewerOf } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { toDemandDetail, type DemandDoc } from '../../_lib/service'

/** One demand with its timeline: its cadre or a manager of that cadre. */
export async function get(input: z.output<typeof demandsApi.get.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const [d] = await rows<DemandDoc>(collection('demands').where({ _id: input.demandId }).limit(1))
  if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
  requireSelfOrManager(user, d, '您只能查看自己或您管理范围内干部的诉求')
  return toDemandDetail(d, viewerOf(user), ctx.now)
}
