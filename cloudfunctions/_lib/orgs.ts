import { type OrgDoc } from './collections'
import { byId } from './by-id'

/** One organisation node by id (one indexed read). */
export async function orgById(id: string): Promise<OrgDoc | null> {
  const org = await byId<OrgDoc>('orgs', id)
  return org ?? null
}
