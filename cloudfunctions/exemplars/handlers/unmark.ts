import type { z } from '@/types/zod'
import type { ExemplarUnmarkInput } from '@/types/exemplars'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import type { ExemplarDoc } from '../shared'
import { byId } from '../../_lib/by-id'

/** A manager of the case's unit takes it off the list; a retry after it is gone answers removed: false. */
export async function unmark(input: z.output<typeof ExemplarUnmarkInput>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const doc = await byId<ExemplarDoc>('exemplars', input.exemplarId)
  if (!doc) return { removed: false }
  requireManagerOf(user, doc.orgPath, '只能撤下您管理范围内的典型')
  await collection('exemplars').doc(doc._id).remove()
  return { removed: true }
}
