import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import { inviteStatus } from '@/types/rules/invites'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { alreadyBound, lookUpInvite, orgById } from '../shared'
import { iso } from '../../_lib/iso'

/**
 * What the code invites to, before accepting: for an account not bound yet (a bound one can accept nothing, and
 * is told so before any lookup). Wrong codes count towards the day's attempts, as for acceptInvite.
 */
export async function peekInvite(input: z.output<typeof orgsApi.peekInvite.input>, ctx: RequestContext) {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const me = await findUserByOpenid(ctx.caller.openid)
  if (me) throw new AppError('FORBIDDEN', alreadyBound(me))
  const invite = await lookUpInvite(ctx.caller.openid, input.code, ctx.now)
  const org = await orgById(invite.orgId)
  return {
    orgName: invite.orgName,
    pathNames: org?.pathNames ?? [invite.orgName],
    role: invite.role,
    name: invite.name,
    byName: invite.byName,
    expiresAt: iso(invite.expiresAt)!,
    status: inviteStatus(invite, ctx.now)
  }
}
