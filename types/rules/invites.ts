/**
 * Binding by invitation: who may invite whom, and the one-time codes.
 *
 * - A manager invites a cadre to their own node or any node below it, and a manager to a node strictly
 *   below their own. The province admin does the same over the whole system (a cadre or manager at the
 *   province node included). Nobody invites an admin.
 * - A code is a bearer token for 7 days: the first unbound WeChat account that accepts it is bound; an
 *   account that is already bound cannot accept any invite, so nobody raises their own role.
 */
export const INVITE_DAYS = 7
/** No 0/O, 1/I/L: read aloud and typed by hand without mistakes. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_LENGTH = 8
export const INVITE_RE = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`)
/** Accept attempts per WeChat account per Beijing day (guessing a code among 31^8 is hopeless anyway). */
export const INVITE_ATTEMPTS_PER_DAY = 20
export const JOIN_PAGE = 'account/pages/join/index'
export const h5JoinUrl = (code: string) => `/#/${JOIN_PAGE}?scene=${encodeURIComponent(code)}`

export function makeInviteCode(random: (n: number) => Uint8Array): string {
  const bytes = random(INVITE_LENGTH * 3)
  let out = ''
  for (let i = 0; out.length < INVITE_LENGTH; i++) {
    const b = bytes[i % bytes.length] ^ (i >= bytes.length ? (i * 37) & 0xff : 0)
    if (b < 248) out += INVITE_ALPHABET[b % INVITE_ALPHABET.length] // 248 = 8 × 31: no modulo bias
  }
  return out
}

/** What a person typed ("abcd-efgh", spaces, lower case) → the code, or null. */
export function normaliseInviteCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s\-_]/g, '')
  return INVITE_RE.test(code) ? code : null
}

/** "ABCD-EFGH", for reading aloud. */
export const formatInviteCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

export type InviteRole = 'cadre' | 'manager'

/**
 * May a staff member (role, org) invite `role` to the node whose path is `targetPath` (province first,
 * ending with the node)? Returns null when allowed, else the reason in plain words.
 */
export function inviteBlock(inviter: { role: 'admin' | 'manager' | 'cadre'; orgId: string }, role: InviteRole, targetPath: readonly string[]): string | null {
  if (inviter.role === 'cadre') return '只有管理员可以邀请'
  const at = targetPath.indexOf(inviter.orgId)
  if (at < 0) return '只能邀请到您管理的单位'
  const own = at === targetPath.length - 1
  if (role === 'manager' && own && inviter.role !== 'admin') return '只能邀请下级单位的管理员'
  return null
}

export type InviteStatus = 'pending' | 'used' | 'revoked' | 'expired'
export function inviteStatus(i: { status: 'pending' | 'used' | 'revoked'; expiresAt: Date | string }, now: Date): InviteStatus {
  if (i.status !== 'pending') return i.status
  return new Date(i.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending'
}
