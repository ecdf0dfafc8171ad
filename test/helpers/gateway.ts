import type { Reply } from '../../types/reply'

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
