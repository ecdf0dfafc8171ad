import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { decodeCursor, pageAfter, TIE_SLACK } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import { managedOrg, toInvite, type InviteDoc } from '../shared'

/** Invites to a node of the caller's subtree and below, newest first (org_time index). */
export async function listInvites(input: z.output<typeof orgsApi.listInvites.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId ?? user.orgId)
  const cursor = decodeCursor(input.cursor)
  const where: Record<string, unknown> = { orgPath: org._id }
  if (cursor) where.createdAt = _.lte(cursor.at)
  const docs = await rows<InviteDoc>(
    collection('invites')
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(
    docs,
    (d) => d.createdAt,
    cursor,
    input.limit,
    true,
    (d) => toInvite(d, ctx.now)
  )
}
