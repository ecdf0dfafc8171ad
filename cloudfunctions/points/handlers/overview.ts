import type { z } from '@/types/zod'
import type { pointsApi } from '@/types/api/points'
import type { LiaisonOverview } from '@/types/points'
import { collection, type ContactDoc, type LiaisonPointDoc } from '../../_lib/collections'
import { rows } from '../../_lib/query'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { toContact, toPoint } from '../shared'

export const MAX_POINTS = 50
export const MAX_CONTACTS = 30

/** A cadre's 两联 and whether it is complete (≥ 1 point and ≥ 1 contact). */
export async function overview(input: z.output<typeof pointsApi.overview.input>, ctx: RequestContext): Promise<LiaisonOverview> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const [points, contacts] = await Promise.all([
    rows<LiaisonPointDoc>(collection('liaisonPoints').where({ cadreId: cadre._id }).orderBy('name', 'asc').limit(MAX_POINTS)),
    rows<ContactDoc>(collection('contacts').where({ cadreId: cadre._id }).orderBy('createdAt', 'desc').limit(MAX_CONTACTS))
  ])
  return {
    cadre: { id: cadre._id, name: cadre.name, title: cadre.title, orgId: cadre.orgId },
    points: points.map(toPoint),
    contacts: contacts.map((c) => toContact(c, user, cadre)),
    complete: points.length > 0 && contacts.length > 0
  }
}
