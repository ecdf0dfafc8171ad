import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { managerQueue } from '../queues'

/** Managers: extension requests waiting in their subtree, oldest first (org_extension_time). */
export function listExtensions(input: z.output<typeof demandsApi.listExtensions.input>, ctx: RequestContext) {
  return managerQueue(ctx, input, (u) => ({ orgPath: u.orgId, extensionPending: true }), 'extensionRequestedAt')
}
