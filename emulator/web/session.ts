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

/**
 * Could this be a WeChat openid? Letters, digits, `-` and `_`, at most 64 characters, and at least one letter.
 * wx-server-sdk's getWXContext() turns an all-digit value (/^-?\d+$/) into a number, which a function reads as "no
 * caller" — the platform's own timer — so the dev gateway must never pass one on.
 */
export function isPlausibleOpenid(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) && /[A-Za-z]/.test(value)
}
