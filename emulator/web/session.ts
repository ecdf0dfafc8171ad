import type { IncomingMessage } from 'node:http'

export const SESSION_COOKIE = 'jdq_dev_openid'

/** The dev user a browser or test acts as: the `x-dev-openid` header, else the login cookie. */
export function sessionOpenid(req: IncomingMessage): string | null {
  const header = req.headers['x-dev-openid']
  if (typeof header === 'string' && header.trim()) return header.trim()
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === SESSION_COOKIE && rest.length) {
      const value = decodeURIComponent(rest.join('='))
      if (value) return value
    }
  }
  return null
}
