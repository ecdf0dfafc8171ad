import type { Me } from '@/types/models'
import { callCloud } from './cloud'
import { cacheNames, cached } from './offline-cache'

/** The signed-in person: role, organisation and 两联 (the last answer kept on the phone for offline use). */
export function loadMe(): Promise<Me> {
  return cached(cacheNames.me, () => callCloud('user', 'me', {}))
}

export function isManager(role: Me['role']): boolean {
  return role === 'manager' || role === 'admin'
}

export function orgPath(me: Pick<Me, 'org'>): string {
  if (!me.org) return ''
  return me.org.pathNames.length > 0 ? me.org.pathNames.join(' / ') : me.org.name
}
