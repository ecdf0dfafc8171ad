import type { Me } from '../../types/models'
import { callCloud } from './cloud'

/** The signed-in person: role, organisation and 两联. */
export function loadMe(): Promise<Me> {
  return callCloud('user', 'me', {})
}

/** 两联: at least one liaison point and at least one contact person. What is still missing, in words. */
export function liangLianStatus(me: Pick<Me, 'liaisonPoints' | 'contactCount'>): { complete: boolean; missing: string[] } {
  const missing: string[] = []
  if (me.liaisonPoints.length === 0) missing.push('联系点')
  if (me.contactCount === 0) missing.push('联系人')
  return { complete: missing.length === 0, missing }
}

export function isManager(role: Me['role']): boolean {
  return role === 'manager' || role === 'admin'
}

export function orgPath(me: Pick<Me, 'org'>): string {
  if (!me.org) return ''
  return me.org.pathNames.length > 0 ? me.org.pathNames.join(' / ') : me.org.name
}
