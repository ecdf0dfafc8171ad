import { EJSON } from 'bson'

/**
 * Order-preserving binary encoding of index keys.
 *
 * One key component per indexed field; components are prefix-free, so a compound key is just their
 * concatenation and SQLite's memcmp order on the BLOB is the index order. A descending field stores
 * its component with every byte inverted, which reverses its order and keeps it prefix-free.
 *
 * Type brackets follow MongoDB's sort order (null < numbers < strings < objects < arrays < binary <
 * ObjectId < booleans < dates < regexes). Values that compare across brackets never match the same
 * comparison operator (MongoDB and mingo both bracket by type), so range bounds stay inside one bracket.
 *
 * Strings are encoded as UTF-16 code units (big-endian), so byte order equals JavaScript's `<`
 * order, which is what mingo uses to re-check and sort.
 *
 * The byte following a complete component is always a type tag (asc 0x10..0xB0, inverted
 * 0x4F..0xEF) or the end of the key, never 0xFF; `component + 0xFF` is therefore an exclusive upper
 * bound of every key that starts with the component.
 */

export const TAG = {
  null: 0x10,
  number: 0x20,
  string: 0x30,
  object: 0x40,
  array: 0x50,
  binary: 0x60,
  objectId: 0x70,
  boolean: 0x80,
  date: 0x90,
  regex: 0xa0,
  other: 0xb0
} as const

export const AFTER = Buffer.from([0xff])

function encodeDouble(n: number): Buffer {
  const b = Buffer.alloc(8)
  if (Number.isNaN(n)) return b // NaN sorts below every other number, as in MongoDB
  b.writeDoubleBE(n === 0 ? 0 : n) // -0 -> 0
  if (b[0] & 0x80) {
    for (let i = 0; i < 8; i++) b[i] = ~b[i] & 0xff
  } else {
    b[0] |= 0x80
  }
  return b
}

function encodeString(s: string): Buffer {
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    if (u === 0) out.push(0, 0, 0xff)
    else out.push(u >> 8, u & 0xff)
  }
  out.push(0, 0, 0)
  return Buffer.from(out)
}

/** Stable text for objects/arrays: keys sorted, values in canonical EJSON, so equal values encode equally. */
export function canonical(value: unknown): string {
  return EJSON.stringify(sortKeys(value) as never, { relaxed: false })
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k])
    return out
  }
  return value
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function bsonType(v: object): string | undefined {
  const t = (v as { _bsontype?: unknown })._bsontype
  return typeof t === 'string' ? t : undefined
}

/** Which type bracket a value falls in (as a tag byte). */
export function tagOf(v: unknown): number {
  if (v === null || v === undefined) return TAG.null
  if (typeof v === 'number' || typeof v === 'bigint') return TAG.number
  if (typeof v === 'string') return TAG.string
  if (typeof v === 'boolean') return TAG.boolean
  if (v instanceof Date) return TAG.date
  if (v instanceof RegExp) return TAG.regex
  if (Array.isArray(v)) return TAG.array
  if (typeof v === 'object') {
    const t = bsonType(v)
    if (t === 'ObjectId') return TAG.objectId
    if (t === 'Binary') return TAG.binary
    if (t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128') return TAG.number
    if (t === 'BSONRegExp') return TAG.regex
    if (t) return TAG.other
    if (v instanceof Uint8Array) return TAG.binary
    return TAG.object
  }
  return TAG.other
}

/** Encodes one value as an ascending key component. */
export function encodeValue(v: unknown): Buffer {
  const tag = tagOf(v)
  const head = Buffer.from([tag])
  switch (tag) {
    case TAG.null:
      return head
    case TAG.number:
      return Buffer.concat([head, encodeDouble(Number(typeof v === 'object' ? String(v) : v))])
    case TAG.string:
      return Buffer.concat([head, encodeString(v as string)])
    case TAG.boolean:
      return Buffer.from([tag, v ? 1 : 0])
    case TAG.date:
      return Buffer.concat([head, encodeDouble((v as Date).getTime())])
    case TAG.regex: {
      const r = v as { source?: string; flags?: string; pattern?: string; options?: string }
      return Buffer.concat([head, encodeString(`${r.source ?? r.pattern}/${r.flags ?? r.options ?? ''}`)])
    }
    case TAG.objectId:
      return Buffer.concat([head, encodeString(String((v as { toHexString(): string }).toHexString()))])
    case TAG.binary:
    case TAG.object:
    case TAG.array:
      return Buffer.concat([head, encodeString(canonical(v))])
    default:
      return Buffer.concat([head, encodeString(String(v))])
  }
}

export function invert(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length)
  for (let i = 0; i < b.length; i++) out[i] = ~b[i] & 0xff
  return out
}

/** Encodes a value as a key component for a field with the given direction. */
export function component(v: unknown, dir: 1 | -1): Buffer {
  const b = encodeValue(v)
  return dir === 1 ? b : invert(b)
}

/**
 * The values a document holds at a dotted path, as MongoDB indexes them: arrays along the path fan out
 * (multikey), a leaf array contributes each element (an empty array contributes itself), and a
 * missing field contributes null.
 */
export function valuesAt(doc: unknown, path: string): { values: unknown[]; multikey: boolean } {
  const out: unknown[] = []
  let multikey = false
  const parts = path.split('.')
  const walk = (cur: unknown, i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(cur)) {
        multikey = true
        if (cur.length === 0) out.push(cur)
        else for (const el of cur) out.push(el)
      } else out.push(cur === undefined ? null : cur)
      return
    }
    if (Array.isArray(cur)) {
      multikey = true
      const seg = parts[i]
      if (/^\d+$/.test(seg) && Number(seg) < cur.length) walk(cur[Number(seg)], i + 1)
      for (const el of cur) {
        if (isPlainObject(el)) walk(el[seg], i + 1)
        else if (Array.isArray(el))
          walk(el, i) // nested arrays: look inside as well (superset)
        else out.push(null)
      }
      if (cur.length === 0) out.push(null)
      return
    }
    if (isPlainObject(cur)) {
      walk(cur[parts[i]], i + 1)
      return
    }
    out.push(null)
  }
  walk(doc, 0)
  if (out.length === 0) out.push(null)
  return { values: out, multikey }
}

export interface IndexSpec {
  name: string
  keys: ReadonlyArray<readonly [string, 1 | -1]>
  unique: boolean
}

/** Cap on the entries one document may produce for one index (cartesian product of multikey fields). */
const MAX_ENTRIES_PER_DOC = 1000

/** Every index key (deduplicated) a document produces for an index. */
export function indexKeys(doc: unknown, spec: IndexSpec): { keys: Buffer[]; multikey: boolean; multikeyMask: number } {
  let combos: Buffer[] = [Buffer.alloc(0)]
  let multikey = false
  // Bit i: the index's i-th field holds an array here (MongoDB's multikey paths).
  let multikeyMask = 0
  for (const [i, [field, dir]] of spec.keys.entries()) {
    const { values, multikey: mk } = valuesAt(doc, field)
    if (mk) {
      multikey = true
      multikeyMask |= 1 << i
    }
    const comps = dedupe(values.map((v) => component(v, dir)))
    const next: Buffer[] = []
    for (const prefix of combos) for (const c of comps) next.push(Buffer.concat([prefix, c]))
    if (next.length > MAX_ENTRIES_PER_DOC) {
      throw new Error(`index ${spec.name}: a document produces more than ${MAX_ENTRIES_PER_DOC} keys`)
    }
    combos = next
  }
  return { keys: dedupe(combos), multikey, multikeyMask }
}

export function dedupe(bufs: Buffer[]): Buffer[] {
  const seen = new Set<string>()
  const out: Buffer[] = []
  for (const b of bufs) {
    const h = b.toString('hex')
    if (!seen.has(h)) {
      seen.add(h)
      out.push(b)
    }
  }
  return out
}

/** Readable form of a key's values for messages. */
export function describeKey(doc: unknown, spec: IndexSpec): string {
  const parts = spec.keys.map(([f]) => {
    const { values } = valuesAt(doc, f)
    const v = values.length === 1 ? values[0] : values
    return `${JSON.stringify(f)}: ${EJSON.stringify(v as never, { relaxed: true })}`
  })
  return `{ ${parts.join(', ')} }`
}
