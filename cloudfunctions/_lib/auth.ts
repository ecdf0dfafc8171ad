import type { UserDoc } from './collections'
import type { RequestContext } from './context'
import { AppError } from './errors'
import { findUserByOpenid } from './users'
import { managesPath, type Viewer } from '@/types/rules/privacy'
import { byId } from './by-id'

/**
 * Who may act on what. A cadre acts on their own data; a manager on anything whose orgPath contains
 * the manager's org (their subtree); the province admin likewise on everything in their system (their
 * org is the root of its path). Residents (unbound openids) get none of it.
 */
export async function requireStaff(ctx: RequestContext): Promise<UserDoc> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const user = await findUserByOpenid(ctx.caller.openid)
  if (!user) throw new AppError('FORBIDDEN', '这里是干部的工作台，群众请扫干部的二维码评价或反映问题')
  return user
}

export async function requireCadre(ctx: RequestContext): Promise<UserDoc> {
  const user = await requireStaff(ctx)
  if (user.role !== 'cadre') throw new AppError('FORBIDDEN', '只有干部本人可以做这件事')
  return user
}

export const viewerOf = (user: UserDoc): Viewer => ({ userId: user._id, role: user.role, orgId: user.orgId })

export function isManagerOf(user: UserDoc, orgPath: readonly string[]): boolean {
  return managesPath(viewerOf(user), orgPath)
}

export function requireManagerOf(user: UserDoc, orgPath: readonly string[], message = '这不在您管理的范围内'): void {
  if (!isManagerOf(user, orgPath)) throw new AppError('FORBIDDEN', message)
}

export function requireManager(user: UserDoc): void {
  if (user.role !== 'manager' && user.role !== 'admin') throw new AppError('FORBIDDEN', '只有管理员可以做这件事')
}

export async function findUserById(id: string): Promise<UserDoc | null> {
  return byId<UserDoc>('users', id)
}

/**
 * The cadre whose data is asked for: the caller when cadreId is absent (they must be a cadre), else
 * that cadre, if the caller is them or one of their managers.
 */
export async function resolveCadre(user: UserDoc, cadreId: string | undefined): Promise<UserDoc> {
  if (!cadreId || cadreId === user._id) {
    if (user.role !== 'cadre') throw new AppError('BAD_REQUEST', '请选择要查看的干部')
    return user
  }
  const cadre = await findUserById(cadreId)
  if (!cadre || cadre.role !== 'cadre') throw new AppError('NOT_FOUND', '没有找到这位干部')
  requireManagerOf(user, cadre.orgPath, '您只能查看自己或您管理范围内干部的信息')
  return cadre
}

/** The cadre themself or one of their managers. */
export function requireSelfOrManager(user: UserDoc, owner: { cadreId: string; orgPath: readonly string[] }, message?: string): void {
  if (user._id === owner.cadreId) return
  requireManagerOf(user, owner.orgPath, message ?? '您只能查看自己或您管理范围内干部的信息')
}
