import { EJSON } from 'bson'
import { TcbError } from './types'

export type Doc = Record<string, unknown>

/** Replaces `{"$tcb_server_date":{"offset":N}}` with a canonical EJSON date of now + N ms (raw JSON level). */
function serverDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => serverDates(v, now))
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = obj.$tcb_server_date as { offset?: unknown } | null
      const offset = toNumber(spec && typeof spec === 'object' ? spec.offset : 0)
      return { $date: { $numberLong: String(Math.round(now + offset)) } }
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = serverDates(obj[k], now)
    return out
  }
  return value
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    const raw = o.$numberInt ?? o.$numberDouble ?? o.$numberLong
    if (raw !== undefined && Number.isFinite(Number(raw))) return Number(raw)
  }
  return 0
}

/** Turns bson's wrapper types into what mingo understands (RegExp, numbers). */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize)
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) return value
  const t = (value as { _bsontype?: string })._bsontype
  if (t === 'BSONRegExp') {
    const r = value as unknown as { pattern: string; options: string }
    const flags = [...new Set(r.options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
    try {
      return new RegExp(r.pattern, flags)
    } catch (err) {
      throw new TcbError('INVALID_PARAM', `invalid regular expression /${r.pattern}/: ${(err as Error).message}`)
    }
  }
  if (t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128') return Number(String(value))
  if (t) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = normalize(v)
  return out
}

/**
 * Parses one EJSON text from the SDK into plain JS values (Date, RegExp, numbers), replacing server
 * dates. `what` names the field in error messages.
 */
export function parseEjson(text: unknown, what: string, now = Date.now()): unknown {
  if (typeof text !== 'string') {
    if (text !== null && typeof text === 'object') return normalize(EJSON.deserialize(serverDates(text, now) as Doc, { relaxed: true }))
    throw new TcbError('INVALID_PARAM', `${what} must be an EJSON string`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new TcbError('INVALID_PARAM', `${what} is not valid JSON: ${text.slice(0, 200)}`)
  }
  try {
    return normalize(EJSON.deserialize(serverDates(raw, now) as Doc, { relaxed: true }))
  } catch (err) {
    if (err instanceof TcbError) throw err
    throw new TcbError('INVALID_PARAM', `${what} is not valid EJSON: ${(err as Error).message}`)
  }
}

export function parseObject(text: unknown, what: string, now?: number): Doc {
  const v = parseEjson(text, what, now)
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new TcbError('INVALID_PARAM', `${what} must be an object`)
  }
  return v as Doc
}

/** Canonical EJSON, as the SDK sends and expects. */
export function toEjson(value: unknown): string {
  return EJSON.stringify(value as never, { relaxed: false })
}

/** Storage form of a document. */
export const serializeDoc = toEjson

export function deserializeDoc(text: string): Doc {
  return normalize(EJSON.parse(text, { relaxed: true })) as Doc
}
