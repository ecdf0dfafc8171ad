import type { Invite, OrgNode } from '@/types/api/orgs'
import type { InviteRole } from '@/types/rules/invites'
import { INVITE_ATTEMPTS_PER_DAY, inviteStatus, normaliseInviteCode } from '@/types/rules/invites'
import { beijingDate } from '@/types/rules/beijing-time'
import { bumpCounter, hashOpenid } from '../_lib/service'
import { inTransaction, type Tx } from '../_lib/tx'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { countOf, rows } from '../_lib/query'
import { orgById } from '../_lib/orgs'
import { iso } from '../_lib/iso'
import { byId, txGet } from '../_lib/by-id'

export interface InviteDoc {
  /** The code itself. */
  _id: string
  orgId: string
  orgPath: string[]
  orgName: string
  role: InviteRole
  name: string
  title?: string
  byId: string
  byName: string
  status: 'pending' | 'used' | 'revoked'
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  /** The account bound through it (never an openid). */
  usedBy: string | null
  fileID?: string
}

export { orgById }

export async function orgsByIds(ids: readonly string[]): Promise<Map<string, OrgDoc>> {
  if (!ids.length) return new Map()
  const docs = await rows<OrgDoc>(
    collection('orgs')
      .where({ _id: _.in([...new Set(ids)]) })
      .limit(100)
  )
  return new Map(docs.map((o) => [o._id, o]))
}

/** A node the caller manages (theirs or below): else FORBIDDEN, as if another system's node did not exist to them. */
export async function managedOrg(user: UserDoc, orgId: string): Promise<OrgDoc> {
  if (user.role !== 'manager' && user.role !== 'admin') throw new AppError('FORBIDDEN', '只有管理员可以做这件事')
  const org = await orgById(orgId)
  if (!org || !org.path.includes(user.orgId)) throw new AppError('FORBIDDEN', '这个单位不在您管理的范围内')
  return org
}

/** Active accounts only: moved or removed ones stay in the database with their history, out of these lists. */
export const active = { active: _.neq(false) }

type MemberCounts = NonNullable<OrgDoc['memberCounts']>

/** A node's own counts: kept on the org document, or — on data from before the counts — counted live (org_role_id). */
async function ownCounts(org: OrgDoc): Promise<MemberCounts> {
  if (org.memberCounts) return org.memberCounts
  const [cadre, manager] = await Promise.all(
    (['cadre', 'manager'] as const).map((role) => countOf(collection('users').where({ orgId: org._id, role, ...active })))
  )
  return { cadre, manager }
}

/**
 * Every node of a subtree (orgs index `path`) with the active cadres and managers under each: one read of the org
 * documents — their number follows the organisation chart, not the people in it — summed from each node's own counts.
 */
export async function subtreeNodes(root: OrgDoc): Promise<{ orgs: OrgDoc[]; node: (org: OrgDoc) => OrgNode }> {
  const orgs: OrgDoc[] = []
  for (let after: string | null = null; ;) {
    const page: OrgDoc[] = await rows<OrgDoc>(
      collection('orgs')
        .where(after ? { path: root._id, _id: _.gt(after) } : { path: root._id })
        .orderBy('_id', 'asc')
        .limit(1000)
    )
    orgs.push(...page)
    if (page.length < 1000) break
    after = page[page.length - 1]._id
  }
  const own = new Map(await Promise.all(orgs.map(async (o) => [o._id, await ownCounts(o)] as const)))
  const node = (org: OrgDoc): OrgNode => {
    let cadres = 0
    let managers = 0
    for (const o of orgs) {
      if (!o.path.includes(org._id)) continue
      cadres += own.get(o._id)?.cadre ?? 0
      managers += own.get(o._id)?.manager ?? 0
    }
    return { id: org._id, name: org.name, system: org.system, level: org.level, parentId: org.parentId, pathNames: org.pathNames, cadres, managers }
  }
  return { orgs, node }
}

/**
 * Keeps a node's own counts in the transaction that binds, moves or retires an account. A node without counts
 * (data from before them) is left to be counted live: a partial count would be wrong.
 */
export async function bumpMembers(tx: Tx, orgId: string, role: string, delta: 1 | -1): Promise<void> {
  if (role !== 'cadre' && role !== 'manager') return
  const ref = tx.collection('orgs').doc(orgId)
  const org = await txGet<OrgDoc>(tx, 'orgs', orgId)
  if (!org?.memberCounts) return
  await ref.update({ data: { [`memberCounts.${role}`]: _.inc(delta) } })
}

export function toInvite(i: InviteDoc, now: Date): Invite {
  return {
    code: i._id,
    orgId: i.orgId,
    orgName: i.orgName,
    role: i.role,
    name: i.name,
    ...(i.title ? { title: i.title } : {}),
    byName: i.byName,
    status: inviteStatus(i, now),
    createdAt: iso(i.createdAt)!,
    expiresAt: iso(i.expiresAt)!,
    usedAt: iso(i.usedAt)
  }
}

/** The invite a typed code names (normalised: case, spaces and dashes do not matter), or null. */
export async function inviteByCode(typed: string): Promise<InviteDoc | null> {
  const code = normaliseInviteCode(typed)
  if (!code) return null
  const doc = await byId<InviteDoc>('invites', code)
  return doc ?? null
}

/**
 * The invite a typed code names, for peekInvite and acceptInvite, with the guard against guessing: a string that
 * is not even a code is BAD_REQUEST (nothing written); a well-formed wrong code counts towards the caller's
 * INVITE_ATTEMPTS_PER_DAY (the only write of a refused call); past the limit every lookup waits for tomorrow.
 */
export async function lookUpInvite(openid: string, typed: string, now: Date): Promise<InviteDoc> {
  if (!normaliseInviteCode(typed)) throw new AppError('BAD_REQUEST', '邀请码是 8 位字母和数字，请核对后再输入')
  const counterId = `invite:${hashOpenid(openid)}:${beijingDate(now)}`
  const tries = await byId<{ count: number }>('abuseCounters', counterId)
  if ((tries?.count ?? 0) >= INVITE_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', '今天输错的次数太多了，请明天再试或联系邀请您的管理员')
  const found = await inviteByCode(typed)
  if (found) return found
  const n = await inTransaction((tx) => bumpCounter(tx, counterId, now))
  if (n > INVITE_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', '今天输错的次数太多了，请明天再试或联系邀请您的管理员')
  throw new AppError('NOT_FOUND', '邀请码不对，请核对后再输入（8 位字母和数字）')
}

export const alreadyBound = (u: UserDoc) =>
  `您的微信已经是${u.role === 'cadre' ? '干部' : '管理员'}账号，不能再接受邀请。如需调动单位或更换身份，请联系您的上级管理员办理`
