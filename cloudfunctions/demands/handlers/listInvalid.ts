import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { managerQueue } from '../queues'

/** Managers: entries set aside as spam or duplicates in their subtree, newest first, with who and why (org_status_time). */
export function listInvalid(input: z.output<typeof demandsApi.listInvalid.input>, ctx: RequestContext) {
  return managerQueue(ctx, input, (u) => ({ orgPath: u.orgId, status: 'invalid' }), 'updatedAt', { desc: true })
}
