import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { managedOrg, toInvite, type InviteDoc } from '../shared'

/** Invites to a node of the caller's subtree and below, newest first (org_time index). */
export async function listInvites(input: z.output<typeof orgsApi.listInvites.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId ?? user.orgId)
  return pageByInstant('invites', { orgPath: org._id }, 'createdAt', input, (d: InviteDoc) => toInvite(d, ctx.now))
}
