import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { pointsApi } from '@/types/api/points'
import type { Contact } from '@/types/points'
import { collection, type ContactDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { toContact } from '../shared'
import { MAX_CONTACTS } from './overview'
import { countOf } from '../../_lib/query'
import { byId } from '../../_lib/by-id'

/** The cadre adds one of their own contact persons (联系人). */
export async function addContact(input: z.output<typeof pointsApi.addContact.input>, ctx: RequestContext): Promise<Contact> {
  const user = await requireCadre(ctx)
  const total = await countOf(collection('contacts').where({ cadreId: user._id }))
  if (total >= MAX_CONTACTS) throw new AppError('BAD_REQUEST', `联系人最多 ${MAX_CONTACTS} 位，请先删去不再联系的`)
  const contact: ContactDoc = {
    _id: `contact-${randomUUID()}`,
    cadreId: user._id,
    name: input.name,
    relation: input.relation,
    phone: input.phone,
    createdAt: ctx.now
  }
  await collection('contacts').add({ data: { ...contact } })
  return toContact(contact, user, user)
}

export async function removeContact(input: z.output<typeof pointsApi.removeContact.input>, ctx: RequestContext) {
  const user = await requireCadre(ctx)
  const contact = await byId<ContactDoc>('contacts', input.contactId)
  if (!contact) throw new AppError('NOT_FOUND', '没有找到这位联系人')
  if (contact.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能删除自己的联系人')
  const res = (await collection('contacts').doc(contact._id).remove()) as { stats?: { removed?: number } }
  return { removed: (res.stats?.removed ?? 1) > 0 }
}
