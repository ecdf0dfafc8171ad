import type { UserDoc } from './collections'
import { collection } from './collections'

/** The bound account behind an openid, or null for anyone not bound (a resident). One indexed read. */
export async function findUserByOpenid(openid: string): Promise<UserDoc | null> {
  const { data } = await collection('users').where({ openid }).limit(1).get()
  return (data[0] as UserDoc | undefined) ?? null
}
