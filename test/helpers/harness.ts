/**
 * The quality harness shared by the fuzz, access-matrix and fault suites: every action of the
 * api registry, arbitraries derived from its zod input schema, reply checks, a database digest, the
 * privacy walk and the visit statistics reconciliation.
 */
import fc from 'fast-check'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { z } from '@/types/zod'
import { api, type ActionSpec } from '@/types/api'
import { errorCodes } from '@/types/errors'
import { managesPath, type Viewer } from '@/types/rules/privacy'
import type { Reply } from '@/types/reply'

export const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')

// ---------------------------------------------------------------- the registry

export interface RegistryAction {
  fn: string
  action: string
  key: string
  spec: ActionSpec
}

/** Every function → action of the api registry, read at run time: a new slice is covered without edits. */
export function registryActions(): RegistryAction[] {
  return Object.entries(api as unknown as Record<string, Record<string, ActionSpec>>).flatMap(([fn, actions]) =>
    Object.entries(actions).map(([action, spec]) => ({ fn, action, key: `${fn}.${action}`, spec }))
  )
}

export const isBuilt = (fn: string) => existsSync(path.join(functionsDir, fn, 'index.js'))

// ---------------------------------------------------------------- calls

/** JSON cannot carry these; the raw body can: `1e999` parses as Infinity on the other side. */
export const RAW_INFINITY = '\u0000raw:1e999\u0000'
export const RAW_NEG_INFINITY = '\u0000raw:-1e999\u0000'

export function serialize(value: unknown): string {
  return JSON.stringify(value).split(JSON.stringify(RAW_INFINITY)).join('1e999').split(JSON.stringify(RAW_NEG_INFINITY)).join('-1e999')
}

export interface CallOutcome {
  status: number
  reply: Reply<unknown> | null
  /** The gateway's own body when it answered without a function reply (crash, timeout). */
  raw: unknown
}

/** Through the emulator's gateway as `openid`, with a raw body (so Infinity and __proto__ keys travel). */
export async function callRaw(url: string, openid: string, fn: string, data: unknown): Promise<CallOutcome> {
  const res = await fetch(`${url}/__/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: `{"name":${JSON.stringify(fn)},"data":${serialize(data)}}`
  })
  const body = (await res.json()) as { result?: Reply<unknown> }
  return { status: res.status, reply: res.status === 200 && body.result ? body.result : null, raw: body }
}

type Cloud = { callFunction(o: { name: string; data: unknown }): Promise<{ result: unknown }> }

/** With no identity at all: a server-side SDK call (the gateway always has a user). */
export async function callAnonymous(cloud: unknown, fn: string, data: unknown): Promise<CallOutcome> {
  try {
    const { result } = await (cloud as Cloud).callFunction({ name: fn, data })
    return { status: 200, reply: result as Reply<unknown>, raw: result }
  } catch (err) {
    return { status: 502, reply: null, raw: String(err) }
  }
}

// ---------------------------------------------------------------- reply checks

const chinese = /[\u3400-\u9fff]/
const stackLike =
  /\n\s+at\s|\bat\s+\S+\s+\(|\.(ts|js|cjs|mjs):\d+|\b(TypeError|ReferenceError|SyntaxError|RangeError|MongoError|MingoError)\b|\[object Object\]|SYS_ERR|DATABASE_/

/** null when the reply is `{ok:true,data}` or a typed, Chinese, stack-free error other than INTERNAL. */
export function replyProblem(out: CallOutcome): string | null {
  const r = out.reply as unknown as Record<string, unknown> | null
  if (!r) return `no function reply (HTTP ${out.status}: ${JSON.stringify(out.raw).slice(0, 200)})`
  if (typeof r !== 'object' || typeof r.ok !== 'boolean') return `not a Reply: ${JSON.stringify(r).slice(0, 200)}`
  if (r.ok) return 'data' in r ? null : 'ok without data'
  if (!(errorCodes as readonly string[]).includes(r.code as string)) return `unknown code ${String(r.code)}`
  if (r.code === 'INTERNAL') return `INTERNAL: ${String(r.message)}`
  if (typeof r.message !== 'string' || !chinese.test(r.message)) return `message not in Chinese: ${JSON.stringify(r.message)}`
  if (stackLike.test(r.message)) return `message leaks internals: ${r.message.slice(0, 200)}`
  return null
}

// ---------------------------------------------------------------- arbitraries from the zod schema

type Json = { [k: string]: unknown }

export interface Hints {
  /** Real ids to offer for fields named `…Id` / `…Ids` (the schema alone only yields ids that do not exist). */
  ids: readonly string[]
  /** Real places to offer for objects with lat and lng (check-ins need to be near a point). */
  places: readonly { lat: number; lng: number }[]
}

const CJK = '的一是在不了有和人这中大为上们个国我以要他时来用生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经'
const shortText = (min: number, max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max }) },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...CJK.split('')), minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\u3000', '\n'), minLength: min, maxLength: max }) }
  )

function stringArb(s: Json): fc.Arbitrary<string> {
  if (s.format === 'date-time') {
    const now = Date.now()
    const near = fc.integer({ min: now - 80 * 3600_000, max: now + 120_000 }).map((t) => new Date(t).toISOString())
    const any = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString())
    const offset = fc.integer({ min: now - 3600_000, max: now }).map((t) => new Date(t + 8 * 3600_000).toISOString().replace('Z', '+08:00'))
    return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: any }, { weight: 1, arbitrary: offset })
  }
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern))
  const min = typeof s.minLength === 'number' ? s.minLength : 0
  const max = typeof s.maxLength === 'number' ? s.maxLength : 200
  const short = shortText(min, Math.min(max, Math.max(min, 30)))
  return max > 30 ? fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: fc.constant('长'.repeat(max)) }) : short
}

function numberArb(s: Json, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : undefined
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : undefined
  if (integer) return fc.integer({ min: Math.ceil(min ?? -1e6), max: Math.floor(max ?? 1e6) })
  return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true, noDefaultInfinity: true })
}

/** A valid value for a JSON Schema produced by z.toJSONSchema (io: 'input'). */
export function fromJsonSchema(s: Json, hints: Hints, key = ''): fc.Arbitrary<unknown> {
  const base = plainFromJsonSchema(s, hints, key)
  if (/Id$/.test(key) && hints.ids.length && (s.type === 'string' || s.type === undefined)) {
    return fc.oneof({ weight: 1, arbitrary: base }, { weight: 2, arbitrary: fc.constantFrom(...hints.ids) })
  }
  return base
}

function plainFromJsonSchema(s: Json, hints: Hints, key: string): fc.Arbitrary<unknown> {
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined
  if (alts) return fc.oneof(...alts.map((a) => fromJsonSchema(a, hints, key)))
  if (Array.isArray(s.allOf) && s.allOf.length === 1) return fromJsonSchema(s.allOf[0] as Json, hints, key)
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  const type = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : []
  if (type.length > 1) return fc.oneof(...type.map((t) => fromJsonSchema({ ...s, type: t }, hints, key)))
  switch (type[0]) {
    case 'string':
      return stringArb(s)
    case 'integer':
      return numberArb(s, true)
    case 'number':
      return numberArb(s, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const itemKey = key.endsWith('Ids') ? key.slice(0, -1) : key
      const items = s.items ? fromJsonSchema(s.items as Json, hints, itemKey) : fc.jsonValue()
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0
      const maxItems = typeof s.maxItems === 'number' ? s.maxItems : 5
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(maxItems, 5)) })
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>
      const required = (s.required ?? []) as string[]
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromJsonSchema(v, hints, k)])), {
        requiredKeys: required.filter((k) => k in props)
      }) as fc.Arbitrary<Record<string, unknown>>
      if ('lat' in props && 'lng' in props && hints.places.length) {
        const near = fc
          .tuple(
            record,
            fc.constantFrom(...hints.places),
            fc.double({ min: -0.004, max: 0.004, noNaN: true }),
            fc.double({ min: -0.004, max: 0.004, noNaN: true })
          )
          .map(([r, p, dLat, dLng]) => ({ ...r, lat: p.lat + dLat, lng: p.lng + dLng }))
        return fc.oneof(record, near)
      }
      return record
    }
    default:
      return fc.jsonValue()
  }
}

export function inputJsonSchema(spec: ActionSpec): Json {
  return z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as Json
}

export const validInput = (spec: ActionSpec, hints: Hints) => fromJsonSchema(inputJsonSchema(spec), hints) as fc.Arbitrary<Record<string, unknown>>

/** An object whose own keys are "__proto__" / "constructor" (JSON.parse makes them own data properties). */
export const pollution = () =>
  JSON.parse(
    '{"__proto__":{"polluted":"yes","role":"admin","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}'
  ) as Record<string, unknown>

function deep(depth: number, asArray: boolean): unknown {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

/** Values of every wrong kind. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '\u3000',
    'null',
    'undefined',
    'NaN',
    '1e999',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '\u0000',
    '\ud800',
    [],
    [[]],
    ['a'],
    {},
    { $ne: null },
    { $gt: '' },
    { $where: 'sleep(100)' },
    { $regex: '.*' },
    { _id: { $exists: true } }
  ),
  fc.constantFrom(RAW_INFINITY, RAW_NEG_INFINITY, Number.NaN),
  fc.integer({ min: 1, max: 3 }).map((n) => '长'.repeat(n * 40_000)),
  fc.integer({ min: 100, max: 1500 }).chain((d) => fc.boolean().map((arr) => deep(d, arr))),
  fc.constant(null).map(() => pollution()),
  fc.jsonValue({ maxDepth: 3 })
)

const extraKeys = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '_id',
  'action',
  'openid',
  'OPENID',
  'cadreId',
  'k'.repeat(5000),
  '',
  '\u0000',
  '__defineGetter__'
]

type Path = (string | number)[]

function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v && typeof v === 'object' ? Object.entries(v) : []
  for (const [k, x] of children) {
    out.push([...prefix, k])
    pathsOf(x, [...prefix, k], out)
  }
  return out
}

function cloneJson<T>(v: T): T {
  return JSON.parse(serialize(v).replace(/-?1e999/g, (m) => JSON.stringify(m.startsWith('-') ? RAW_NEG_INFINITY : RAW_INFINITY))) as T
}

function setAt(root: unknown, p: Path, value: unknown, remove: boolean): void {
  let cur = root as Record<string | number, unknown>
  for (const k of p.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>
  const last = p[p.length - 1]
  if (remove) {
    if (Array.isArray(cur)) cur.splice(last as number, 1)
    else delete cur[last]
  } else Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * A deliberately wrong event: a valid input with one value replaced by a bad one, one field removed, a
 * hostile key added, the action name or the whole event of the wrong kind.
 */
export function invalidEvent(spec: ActionSpec, hints: Hints, action: string, otherActions: string[]): fc.Arbitrary<unknown> {
  const valid = validInput(spec, hints)
  return fc
    .tuple(
      valid,
      fc.nat(),
      fc.integer({ min: 0, max: 7 }),
      badValue,
      fc.constantFrom(...extraKeys),
      fc.constantFrom(...otherActions, 'x', '', '__proto__', 'constructor')
    )
    .map(([input, pick, mode, bad, extraKey, wrongAction]) => {
      const event: Record<string, unknown> = cloneJson({ action, ...input })
      const paths = pathsOf(event).filter((p) => p[0] !== 'action')
      const p = paths.length ? paths[pick % paths.length] : null
      switch (mode) {
        case 0:
        case 1:
          if (p) setAt(event, p, bad, false)
          else setAt(event, [extraKey], bad, false)
          return event
        case 2: {
          // Drop a required field (or any field when none is required).
          const required = (inputJsonSchema(spec).required ?? []) as string[]
          const victim = required.length ? required[pick % required.length] : p
          if (victim !== null) setAt(event, Array.isArray(victim) ? victim : [victim], undefined, true)
          return event
        }
        case 3: {
          const objects = [
            [],
            ...paths.filter((q) => {
              let v: unknown = event
              for (const k of q) v = (v as Record<string | number, unknown>)[k]
              return v !== null && typeof v === 'object' && !Array.isArray(v)
            })
          ]
          const at = objects[pick % objects.length]
          setAt(event, [...at, extraKey], bad, false)
          return event
        }
        case 4:
          return { ...event, ...pollution() }
        case 5:
          return { ...event, action: wrongAction }
        case 6:
          return { ...event, action: bad }
        default:
          return bad
      }
    })
}

// ---------------------------------------------------------------- database digest

export interface Digest {
  collections: Record<string, { count: number; hash: string }>
  hash: string
}

export async function digest(url: string): Promise<Digest> {
  return (await (await fetch(`${url}/__/db/digest`)).json()) as Digest
}

/** Database requests served so far that may have changed something (writes outside transactions, commits). */
export async function writeCount(url: string): Promise<number> {
  return ((await (await fetch(`${url}/__/db/writes`)).json()) as { writes: number }).writes
}

export function digestDiff(a: Digest, b: Digest): string[] {
  const names = new Set([...Object.keys(a.collections), ...Object.keys(b.collections)])
  return [...names]
    .filter((n) => JSON.stringify(a.collections[n]) !== JSON.stringify(b.collections[n]))
    .map((n) => `${n}: ${JSON.stringify(a.collections[n])} → ${JSON.stringify(b.collections[n])}`)
}

// ---------------------------------------------------------------- reading everything

type Db = { collection(n: string): { skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } } } }

export async function readAll<T = Record<string, unknown>>(db: unknown, name: string): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await (db as Db).collection(name).skip(skip).limit(1000).get()
    out.push(...(data as T[]))
    if (data.length < 1000) return out
  }
}

// ---------------------------------------------------------------- privacy

export const PHONE = /(?<!\d)1\d{10}(?!\d)/g
export const ID_NUMBER = /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g

interface Owned {
  collection: string
  id: string
  ownerId: string | null
}

export interface PrivacyIndex {
  phones: Map<string, Owned[]>
  openids: Map<string, Owned>
  /** formerOpenid: an account retired by a move or removal keeps the WeChat openid it was bound to. */
  users: Map<string, { _id: string; openid: string; formerOpenid?: string; role: Viewer['role']; orgId: string; orgPath: string[] }>
}

/**
 * Every string inside a value, walked with an explicit stack: the fuzz's wrong inputs nest arrays up to 1,500
 * deep, which a recursive walk (three frames a level) could take past V8's stack limit.
 */
function strings(v: unknown): string[] {
  const out: string[] = []
  const todo: unknown[] = [v]
  while (todo.length) {
    const x = todo.pop()
    if (typeof x === 'string') out.push(x)
    else if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) todo.push(x[i])
    else if (x && typeof x === 'object') todo.push(...Object.values(x).reverse())
  }
  return out
}

/** The strings under any key named like "openid" (at any depth) of a stored document. */
function openidValues(v: unknown): string[] {
  const out: string[] = []
  const todo: [unknown, boolean][] = [[v, false]]
  while (todo.length) {
    const [x, underOpenid] = todo.pop()!
    if (typeof x === 'string' && underOpenid) out.push(x)
    else if (Array.isArray(x)) for (const y of x) todo.push([y, underOpenid])
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) todo.push([y, underOpenid || /openid/i.test(k)])
  }
  return out
}

/** Whose phone numbers and openids live where: every collection, every string (a new collection is covered without edits). */
export async function privacyIndex(db: unknown, collectionNames: string[], into?: PrivacyIndex): Promise<PrivacyIndex> {
  const index: PrivacyIndex = into ?? { phones: new Map(), openids: new Map(), users: new Map() }
  for (const name of collectionNames) {
    for (const doc of await readAll<Record<string, unknown>>(db, name)) {
      const id = String(doc._id)
      const ownerId = typeof doc.cadreId === 'string' ? doc.cadreId : name === 'users' ? id : null
      for (const s of strings(doc))
        for (const m of s.matchAll(PHONE)) {
          const list = index.phones.get(m[0]) ?? []
          if (!list.some((h) => h.collection === name && h.id === id)) list.push({ collection: name, id, ownerId })
          index.phones.set(m[0], list)
        }
      for (const o of openidValues(doc)) index.openids.set(o, { collection: name, id, ownerId })
      if (name === 'users') index.users.set(id, doc as never)
    }
  }
  return index
}

export interface Observed {
  key: string
  openid: string
  request: unknown
  reply: unknown
}

/**
 * Fails (returns lines) when a reply to a cadre or resident carries a phone number in clear that is not
 * theirs to see (only phones of `clearPhonesFrom` collections, to the document's cadre and their
 * managers), an ID-card number, or someone else's openid. Echoes of the caller's own request are fine.
 */
export function privacyViolations(o: Observed, index: PrivacyIndex, clearPhonesFrom: readonly string[] = []): string[] {
  const out: string[] = []
  const sent = new Set(strings(o.request).flatMap((s) => [...s.matchAll(PHONE), ...s.matchAll(ID_NUMBER)].map((m) => m[0])))
  const sentText = strings(o.request).join('\n')
  // Every account this openid was bound to during the run (a moved or removed one was the caller's when shown).
  const viewers: Viewer[] = [...index.users.values()]
    .filter((u) => u.openid === o.openid || u.formerOpenid === o.openid)
    .map((u) => ({ userId: u._id, role: u.role, orgId: u.orgId }))
  const mayView = (ownerId: string | null) => {
    if (!ownerId) return false
    const owner = index.users.get(ownerId)
    return viewers.some((viewer) => viewer.userId === ownerId || Boolean(owner && managesPath(viewer, owner.orgPath)))
  }
  for (const s of strings(o.reply)) {
    for (const m of s.matchAll(PHONE)) {
      if (sent.has(m[0])) continue
      const holders = index.phones.get(m[0]) ?? []
      const allowed = holders.some((h) => clearPhonesFrom.includes(h.collection) && mayView(h.ownerId))
      if (!allowed)
        out.push(`${o.key} as ${o.openid}: phone ${m[0]} in clear (held by ${holders.map((h) => `${h.collection}/${h.id}`).join(', ') || 'nobody known'})`)
    }
    for (const m of s.matchAll(ID_NUMBER)) if (!sent.has(m[0])) out.push(`${o.key} as ${o.openid}: ID number ${m[0]} in clear`)
    for (const [openid, where] of index.openids) {
      if (openid !== o.openid && openid.length >= 6 && s.includes(openid) && !sentText.includes(openid)) {
        out.push(`${o.key} as ${o.openid}: another person's openid ${openid} (${where.collection}/${where.id})`)
      }
    }
  }
  return out
}

// ---------------------------------------------------------------- reconciliation

interface VisitLike {
  _id: string
  cadreId: string
  date: string
  month: string
  year: number
  status: 'counted' | 'pending' | 'rejected'
  inside: boolean
  pointKind: string
  record?: { householdIds?: string[] } | null
}

/**
 * Recomputes visitDays and visitStats from the visits and the approved 蹲点 stays (the source records) and
 * households' visit counts from the visit records, and lists every figure that differs from what is stored.
 */
export async function reconcileVisits(db: unknown): Promise<string[]> {
  const [visits, days, stats, households, stays] = await Promise.all([
    readAll<VisitLike>(db, 'visits'),
    readAll<{ _id: string; cadreId: string; date: string; visits: number }>(db, 'visitDays'),
    readAll<Record<string, unknown> & { _id: string }>(db, 'visitStats'),
    readAll<{ _id: string; visitsYear: number | null; visitsInYear: number; visited: boolean }>(db, 'households'),
    readAll<{ _id: string; cadreId: string; kind: string; status: string; from: string; to: string }>(db, 'cadrePeriods')
  ])
  const problems: string[] = []
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1)
  const wantDays = new Map<string, number>()
  const wantStats = new Map<
    string,
    {
      days: number
      daysByMonth: Record<string, number>
      visits: number
      visitsByMonth: Record<string, number>
      visitsByKind: Record<string, number>
      fieldworkByMonth: Record<string, number>
      fieldworkPending: number
      fieldworkApproved: number
      fieldworkRejected: number
    }
  >()
  const statsOf = (v: VisitLike) => {
    const id = `${v.cadreId}_${v.year}`
    if (!wantStats.has(id))
      wantStats.set(id, {
        days: 0,
        daysByMonth: {},
        visits: 0,
        visitsByMonth: {},
        visitsByKind: {},
        fieldworkByMonth: {},
        fieldworkPending: 0,
        fieldworkApproved: 0,
        fieldworkRejected: 0
      })
    return wantStats.get(id)!
  }
  const byTime = [...visits].sort((a, b) => (a._id < b._id ? -1 : 1))
  for (const v of byTime) {
    const s = statsOf(v)
    if (!v.inside) {
      bump(s.fieldworkByMonth, v.month)
      if (v.status === 'pending') s.fieldworkPending++
      if (v.status === 'rejected') s.fieldworkRejected++
      if (v.status === 'counted') s.fieldworkApproved++
    }
    if (v.status !== 'counted') continue
    const dayId = `${v.cadreId}_${v.date}`
    if (!wantDays.has(dayId)) {
      wantDays.set(dayId, 0)
      s.days++
      bump(s.daysByMonth, v.month)
    }
    wantDays.set(dayId, wantDays.get(dayId)! + 1)
    s.visits++
    bump(s.visitsByMonth, v.month)
    bump(s.visitsByKind, v.pointKind)
  }
  // Approved 蹲点 stays: each date is a day at the grassroots, with no visit unless one was counted that day.
  for (const st of stays.filter((p) => p.kind === 'stay' && p.status === 'approved')) {
    for (let t = Date.parse(`${st.from}T00:00:00Z`); t <= Date.parse(`${st.to}T00:00:00Z`); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10)
      const dayId = `${st.cadreId}_${date}`
      if (wantDays.has(dayId)) continue
      wantDays.set(dayId, 0)
      const s = statsOf({ cadreId: st.cadreId, year: Number(date.slice(0, 4)) } as VisitLike)
      s.days++
      bump(s.daysByMonth, date.slice(0, 7))
    }
  }
  const haveDays = new Map(days.map((d) => [d._id, d.visits]))
  for (const [id, n] of wantDays) if (haveDays.get(id) !== n) problems.push(`visitDays ${id}: stored ${haveDays.get(id) ?? 'nothing'}, visits say ${n}`)
  for (const [id, n] of haveDays) if (!wantDays.has(id)) problems.push(`visitDays ${id}: stored ${n}, no counted visit that day`)
  const haveStats = new Map(stats.map((s) => [s._id, s]))
  const fields = [
    'days',
    'daysByMonth',
    'visits',
    'visitsByMonth',
    'visitsByKind',
    'fieldworkByMonth',
    'fieldworkPending',
    'fieldworkApproved',
    'fieldworkRejected'
  ] as const
  const norm = (v: unknown) =>
    JSON.stringify(
      v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, n]) => n !== 0)
              .sort()
          )
        : (v ?? 0)
    )
  for (const [id, want] of wantStats) {
    const have = haveStats.get(id)
    for (const f of fields)
      if (norm(have?.[f]) !== norm(want[f])) problems.push(`visitStats ${id}.${f}: stored ${norm(have?.[f])}, visits say ${norm(want[f])}`)
  }
  for (const [id, have] of haveStats)
    if (!wantStats.has(id) && (Number(have.days) || Number(have.visits) || Number(have.fieldworkPending)))
      problems.push(`visitStats ${id}: figures without any visit`)
  // Households: visits this year = records naming them in their visitsYear.
  const named = new Map<string, Map<number, number>>()
  for (const v of visits)
    for (const h of v.record?.householdIds ?? []) {
      const m = named.get(h) ?? new Map<number, number>()
      m.set(v.year, (m.get(v.year) ?? 0) + 1)
      named.set(h, m)
    }
  for (const h of households) {
    const want = h.visitsYear === null ? 0 : (named.get(h._id)?.get(h.visitsYear) ?? 0)
    if (h.visitsInYear !== want) problems.push(`households ${h._id}: visitsInYear ${h.visitsInYear}, records say ${want}`)
  }
  return problems
}
