import { collection, type OrgDoc } from './collections'
import { rows } from './query'

/** One organisation node by id (one indexed read). */
export async function orgById(id: string): Promise<OrgDoc | null> {
  const [org] = await rows<OrgDoc>(collection('orgs').where({ _id: id }).limit(1))
  return org ?? null
}
