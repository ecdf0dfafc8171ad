import type { Me } from '@/types/models'
import type { LiaisonPointDoc, OrgDoc } from '../../_lib/collections'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { countOf, rows } from '../../_lib/query'
import { findUserByOpenid } from '../../_lib/users'
import { byId } from '../../_lib/by-id'

const MAX_POINTS = 50

/** Who am I: role, organisation, and the cadre's 两联 (liaison points and contact count). */
export async function me(_input: Record<string, never>, ctx: RequestContext): Promise<Me> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const user = await findUserByOpenid(ctx.caller.openid)
  if (!user) {
    return { name: '群众', role: 'resident', org: null, liaisonPoints: [], contactCount: 0 }
  }
  const [org, points, contacts] = await Promise.all([
    byId<OrgDoc>('orgs', user.orgId),
    rows<LiaisonPointDoc>(collection('liaisonPoints').where({ cadreId: user._id }).orderBy('name', 'asc').limit(MAX_POINTS)),
    countOf(collection('contacts').where({ cadreId: user._id }))
  ])
  return {
    id: user._id,
    name: user.name,
    role: user.role,
    title: user.title,
    org: org && { id: org._id, name: org.name, system: org.system, level: org.level, pathNames: org.pathNames },
    liaisonPoints: points.map((p) => ({
      id: p._id,
      name: p.name,
      kind: p.kind,
      address: p.address,
      location: p.location,
      radiusM: p.radiusM
    })),
    contactCount: contacts
  }
}
