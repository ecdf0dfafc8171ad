import type { UserDoc } from './collections'
import { collection } from './collections'
import { rows } from './query'

/** The bound account behind an openid, or null for anyone not bound (a resident). One indexed read. */
export async function findUserByOpenid(openid: string): Promise<UserDoc | null> {
  const [user] = await rows<UserDoc>(collection('users').where({ openid }).limit(1))
  return user ?? null
}
