import { request } from 'node:http'
import type { Reply } from '@/types/reply'

/** Calls a cloud function the way the H5 app does: through the emulator's gateway, as a given user. */
export async function callAs<T = unknown>(url: string, openid: string | null, name: string, data: unknown): Promise<Reply<T>> {
  const res = await fetch(`${url}/__/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
    body: JSON.stringify({ name, data })
  })
  const body = (await res.json()) as { result?: Reply<T>; code?: string; message?: string }
  if (res.status !== 200 || !body.result) throw new Error(`gateway ${res.status}: ${body.code} ${body.message}`)
  return body.result
}

/**
 * The same call from another client address. The gateway passes the socket's peer address as CLIENTIP, exactly
 * as it sees it: a test varies it by connecting from another loopback address (all of 127.0.0.0/8 is this
 * machine on Linux), so the emulator trusts nothing a client could claim. `from` is e.g. '127.0.3.7'.
 * Resolves with the HTTP status and the reply (null when the gateway answered with an error of its own).
 */
export function callFrom<T = unknown>(
  url: string,
  from: string,
  openid: string,
  name: string,
  data: unknown
): Promise<{ status: number; reply: Reply<T> | null }> {
  const target = new URL(`${url}/__/gateway/callFunction`)
  const body = JSON.stringify({ name, data })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: Reply<T> }
            resolve({ status: res.statusCode ?? 0, reply: parsed.result ?? null })
          } catch (err) {
            reject(err)
          }
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A distinct loopback address per index (127.1.x.y): a resident on their own network. */
export const loopback = (i: number) => `127.1.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`

/**
 * Starts every instance a burst will use before it: the emulator runs at most 8 instances of a function and loads a
 * new one within its first call's time limit, which 8 loading at once on a loaded machine can exceed. A burst test
 * measures the calls, not the loading (calls that fail while loading here are not counted).
 */
export async function warmInstances(url: string, fn: string, data: unknown, n = 8): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const outs = await Promise.all(
      Array.from({ length: n }, (_, i) => callFrom(url, '127.0.0.1', `o-warm-${round}-${i}`, fn, data).catch(() => ({ status: 0 })))
    )
    if (outs.every((o) => o.status === 200)) return
  }
}

/** Runs `fn` over `items` with at most `n` calls in flight (a crowd at a 座谈会, cadres checking in at once). */
export async function inFlight<T, R>(n: number, items: T[], fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i], i)
      }
    })
  )
  return out
}
