import type { Contact, LiaisonPoint } from '@/types/points'
import { phoneFor } from '@/types/rules/privacy'
import type { ContactDoc, LiaisonPointDoc, UserDoc } from '../_lib/collections'
import { viewerOf } from '../_lib/auth'

export const toPoint = (p: LiaisonPointDoc): LiaisonPoint => ({
  id: p._id,
  name: p.name,
  kind: p.kind,
  address: p.address,
  location: p.location,
  radiusM: p.radiusM,
  orgId: p.orgId,
  cadreId: p.cadreId
})

export function toContact(c: ContactDoc, viewer: UserDoc, cadre: UserDoc): Contact {
  const { phone, masked } = phoneFor(viewerOf(viewer), { id: cadre._id, orgPath: cadre.orgPath }, c.phone)
  return { id: c._id, name: c.name, relation: c.relation, phone, phoneMasked: masked }
}
