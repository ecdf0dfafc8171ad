/**
 * Personal data shown to people: a contact's phone is in clear only for the cadre who owns the contact
 * and that cadre's managers; everyone else sees it masked (138****1234).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  if (digits.length <= 2) return '*'.repeat(digits.length)
  return `${digits[0]}${'*'.repeat(digits.length - 2)}${digits[digits.length - 1]}`
}

export interface Viewer {
  userId: string
  role: 'admin' | 'manager' | 'cadre' | 'resident'
  orgId: string | null
}

/** A manager or the province admin acts on anything whose org path contains their own org. */
export function managesPath(viewer: Viewer, orgPath: readonly string[]): boolean {
  return (viewer.role === 'manager' || viewer.role === 'admin') && viewer.orgId !== null && orgPath.includes(viewer.orgId)
}

/** The cadre themself or one of their managers. */
export function mayViewCadre(viewer: Viewer, cadre: { id: string; orgPath: readonly string[] }): boolean {
  return viewer.userId === cadre.id || managesPath(viewer, cadre.orgPath)
}

export function phoneFor(viewer: Viewer, cadre: { id: string; orgPath: readonly string[] }, phone: string): { phone: string; masked: boolean } {
  return mayViewCadre(viewer, cadre) ? { phone, masked: false } : { phone: maskPhone(phone), masked: true }
}
