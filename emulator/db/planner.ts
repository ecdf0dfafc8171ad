import { AFTER, TAG, component, encodeValue, isPlainObject, tagOf, type IndexSpec } from './keys'

/**
 * Query planning: which index (if any) narrows a query, and to which key ranges.
 *
 * Only conditions every matching document must satisfy are used: top-level fields and members of a
 * top-level `$and`. The chosen ranges always cover a superset of the matching documents; mingo
 * re-checks every loaded document, so correctness never depends on the index.
 */

type Bound = { value: unknown; inclusive: boolean }

export interface FieldConstraint {
  /** Equality values seen (first one is used). */
  eq: unknown[]
  /** `$in` lists seen (first one is used). */
  inList: unknown[][]
  lower: Bound[]
  upper: Bound[]
}

/** Tags a range bound may have: brackets with a total order inside them. */
const RANGE_TAGS = new Set<number>([TAG.number, TAG.string, TAG.date, TAG.boolean, TAG.objectId])

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false
  const keys = Object.keys(v)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/** An equality value the index can look up exactly (arrays and regexes are matched differently). */
function indexableEq(v: unknown): boolean {
  return !Array.isArray(v) && !(v instanceof RegExp) && tagOf(v) !== TAG.regex
}

export function extractConstraints(query: Record<string, unknown>): Map<string, FieldConstraint> {
  const out = new Map<string, FieldConstraint>()
  const get = (field: string): FieldConstraint => {
    let c = out.get(field)
    if (!c) {
      c = { eq: [], inList: [], lower: [], upper: [] }
      out.set(field, c)
    }
    return c
  }
  const visit = (q: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and') {
        if (Array.isArray(value)) for (const sub of value) if (isPlainObject(sub)) visit(sub)
        continue
      }
      if (key.startsWith('$')) continue // $or, $nor, $expr ... do not constrain every document
      if (isOperatorObject(value)) {
        for (const [op, arg] of Object.entries(value)) {
          switch (op) {
            case '$eq':
              if (indexableEq(arg)) get(key).eq.push(arg)
              break
            case '$in':
              if (Array.isArray(arg) && arg.every(indexableEq)) get(key).inList.push(arg)
              break
            case '$gt':
            case '$gte':
              if (RANGE_TAGS.has(tagOf(arg))) get(key).lower.push({ value: arg, inclusive: op === '$gte' })
              break
            case '$lt':
            case '$lte':
              if (RANGE_TAGS.has(tagOf(arg))) get(key).upper.push({ value: arg, inclusive: op === '$lte' })
              break
            default:
              break
          }
        }
      } else if (value instanceof RegExp) {
        const prefix = regexPrefix(value)
        if (prefix !== undefined) {
          get(key).lower.push({ value: prefix, inclusive: true })
          get(key).upper.push({ value: prefixEnd(prefix), inclusive: false })
        }
      } else if (indexableEq(value)) {
        get(key).eq.push(value)
      }
    }
  }
  visit(query)
  return out
}

/** `/^abc/` without flags -> 'abc' (a string range); anything else -> undefined. */
function regexPrefix(r: RegExp): string | undefined {
  if (r.flags.replace(/[gsu]/g, '') !== '') return undefined
  const m = /^\^([^\\.*+?()[\]{}|^$]+)/.exec(r.source)
  if (!m) return undefined
  // Quantifier right after the literal would make its last char optional.
  const rest = r.source.slice(m[0].length)
  if (/^[*?{]/.test(rest)) return m[1].length > 1 ? m[1].slice(0, -1) : undefined
  return m[1]
}

/** Smallest string greater than every string starting with `prefix`, as an exclusive bound. */
function prefixEnd(prefix: string): string | typeof BRACKET_END {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i)
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1)
  }
  return BRACKET_END
}

/** Marker for "up to the end of the type bracket". */
const BRACKET_END = Symbol('bracket-end')

export interface KeyRange {
  /** Inclusive. */
  lo: Buffer
  /** Exclusive. */
  hi: Buffer
}

export interface IndexPlan {
  kind: 'index'
  index: IndexSpec
  ranges: KeyRange[]
  /** The index order gives the requested sort (walk forward, or backward when `reverse`). */
  ordered: boolean
  reverse: boolean
  /** How many leading index fields are constrained (for choosing and for explain). */
  score: number
  summary: string
}

export interface IdPlan {
  kind: 'ids'
  ids: unknown[]
  summary: string
}

export interface ScanPlan {
  kind: 'scan'
  summary: string
  /** Documents are stored in _id order (the primary key): a range on _id narrows the scan. */
  range?: KeyRange
  /** The _id order gives the requested sort (only _id, or none). */
  ordered?: boolean
  reverse?: boolean
}

export type Plan = IndexPlan | IdPlan | ScanPlan

export interface IndexState extends IndexSpec {
  multikey: boolean
  /** Bit i: the i-th field holds an array in some document. Undefined: not known which (treat all as arrays). */
  multikeyMask?: number
}

/** Can `field` hold an array in this index's documents (MongoDB's multikey paths)? */
function arrayField(index: IndexState, field: string): boolean {
  if (!index.multikey) return false
  if (index.multikeyMask === undefined) return true
  const i = index.keys.findIndex(([f]) => f === field)
  return i < 0 || ((index.multikeyMask >> i) & 1) === 1
}

const MAX_RANGES = 1000

/**
 * Component-space interval for one field (ascending encoding) -> key bounds given the prefix and
 * the field's direction.
 */
function rangeFor(prefix: Buffer, c: FieldConstraint, dir: 1 | -1, multikey: boolean): KeyRange | undefined {
  // Pick the bracket from the first bound; intersect with further bounds of the same bracket only
  // when no document has an array here (with arrays, different elements may satisfy each bound).
  const first = c.lower[0] ?? c.upper[0]
  if (!first) return undefined
  const tag = tagOf(first.value)
  const sameBracket = (b: Bound) => b.value === BRACKET_END || tagOf(b.value) === tag
  let lower: Bound | undefined
  let upper: Bound | undefined
  const lowers = c.lower.filter(sameBracket)
  const uppers = c.upper.filter(sameBracket)
  if (multikey) {
    // One bound only: with arrays, different elements may satisfy each bound.
    lower = lowers[0]
    if (!lower) upper = uppers[0]
  } else {
    for (const b of lowers) {
      if (!lower || cmp(b, lower) > 0 || (cmp(b, lower) === 0 && !b.inclusive)) lower = b
    }
    for (const b of uppers) {
      if (!upper) upper = b
      else if (b.value === BRACKET_END) continue
      else if (upper.value === BRACKET_END || cmp(b, upper) < 0 || (cmp(b, upper) === 0 && !b.inclusive)) upper = b
    }
  }
  const bracketLo = Buffer.from([tag])
  const bracketHi = Buffer.from([tag + 1])
  // Ascending component interval: [loC, hiC) in component bytes, expressed as key byte bounds.
  let loAsc: { bytes: Buffer; after: boolean } // after = exclusive of the value itself
  let hiAsc: { bytes: Buffer; after: boolean } // after = inclusive of the value (bound is value+0xFF)
  if (lower) loAsc = { bytes: encodeValue(lower.value), after: !lower.inclusive }
  else loAsc = { bytes: bracketLo, after: false }
  if (upper && upper.value !== BRACKET_END) hiAsc = { bytes: encodeValue(upper.value), after: upper.inclusive }
  else hiAsc = { bytes: bracketHi, after: false }
  if (dir === 1) {
    return {
      lo: Buffer.concat([prefix, loAsc.bytes, loAsc.after ? AFTER : Buffer.alloc(0)]),
      hi: Buffer.concat([prefix, hiAsc.bytes, hiAsc.after ? AFTER : Buffer.alloc(0)])
    }
  }
  // Descending: components are inverted, so the value interval flips.
  const inv = (b: Buffer) => Buffer.from(b.map((x) => ~x & 0xff))
  const lo =
    upper && upper.value !== BRACKET_END
      ? Buffer.concat([prefix, inv(encodeValue(upper.value)), upper.inclusive ? Buffer.alloc(0) : AFTER])
      : Buffer.concat([prefix, Buffer.from([~tag & 0xff])])
  const hi = lower
    ? Buffer.concat([prefix, inv(encodeValue(lower.value)), lower.inclusive ? AFTER : Buffer.alloc(0)])
    : Buffer.concat([prefix, Buffer.from([(~tag & 0xff) + 1])])
  return { lo, hi }
}

function cmp(a: Bound, b: Bound): number {
  return Buffer.compare(encodeValue(a.value), encodeValue(b.value))
}

export type SortSpec = Array<[string, 1 | -1]>

/** Plans one index for a query; undefined when the index cannot help. */
export function planIndex(index: IndexState, constraints: Map<string, FieldConstraint>, sort: SortSpec): IndexPlan | undefined {
  let prefixes: Buffer[] = [Buffer.alloc(0)]
  let ranges: KeyRange[] | undefined
  let score = 0
  let pos = 0
  const pinned = new Set<string>()
  const used: string[] = []
  for (const [field, dir] of index.keys) {
    const c = constraints.get(field)
    if (!c) break
    if (c.eq.length > 0) {
      prefixes = prefixes.map((p) => Buffer.concat([p, component(c.eq[0], dir)]))
      pinned.add(field)
      used.push(`${field}=`)
      score += 2
      pos++
      continue
    }
    if (c.inList.length > 0 && prefixes.length * Math.max(c.inList[0].length, 1) <= MAX_RANGES) {
      const list = c.inList[0]
      if (list.length === 0) {
        prefixes = []
      } else {
        const next: Buffer[] = []
        for (const p of prefixes) for (const v of list) next.push(Buffer.concat([p, component(v, dir)]))
        prefixes = dedupeSorted(next)
      }
      if (list.length === 1) pinned.add(field)
      used.push(`${field} in`)
      score += 2
      pos++
      continue
    }
    if (c.lower.length > 0 || c.upper.length > 0) {
      const rs: KeyRange[] = []
      for (const p of prefixes) {
        const r = rangeFor(p, c, dir, index.multikey)
        if (r) rs.push(r)
      }
      ranges = rs
      used.push(`${field} range`)
      score += 1
    }
    break
  }
  if (!ranges) ranges = prefixes.map((p) => ({ lo: p, hi: Buffer.concat([p, AFTER]) }))

  // Does walking the index give the requested order?
  let ordered = false
  let reverse = false
  // On a multikey index the walk is in order only for sort fields that hold no array in any document: `_id`,
  // and fields the index has seen only scalars in (as MongoDB tracks multikey paths); the array fields must then
  // be pinned by equality (an unpinned one before the sort fields breaks the match below); duplicates are
  // skipped by id.
  const rest = sort.filter(([f]) => !pinned.has(f))
  const walkable = !index.multikey || rest.every(([f]) => f === '_id' || !arrayField(index, f))
  if (walkable && ranges.length <= 1) {
    const keys = index.keys.slice(pos)
    if (rest.length === 0) ordered = true
    else if (rest.length <= keys.length) {
      const same = rest.every(([f, d], i) => keys[i][0] === f && keys[i][1] === d)
      const opposite = rest.every(([f, d], i) => keys[i][0] === f && keys[i][1] === -d)
      if (same || opposite) {
        ordered = true
        reverse = !same
      }
    }
  }
  if (score === 0 && !(ordered && sort.length > 0)) return undefined
  return {
    kind: 'index',
    index,
    ranges,
    ordered,
    reverse,
    score,
    summary: `IXSCAN ${index.name} (${used.join(', ') || 'sort'}${ordered && sort.length ? ', ordered' : ''})`
  }
}

function dedupeSorted(bufs: Buffer[]): Buffer[] {
  const seen = new Map<string, Buffer>()
  for (const b of bufs) seen.set(b.toString('hex'), b)
  return [...seen.values()].sort(Buffer.compare)
}

/** Picks the best way to run a query. */
export function plan(query: Record<string, unknown>, sort: SortSpec, indexes: IndexState[]): Plan {
  const constraints = extractConstraints(query)
  const id = constraints.get('_id')
  if (id && (id.eq.length > 0 || id.inList.length > 0)) {
    const ids = id.eq.length > 0 ? [id.eq[0]] : id.inList[0]
    return { kind: 'ids', ids, summary: `IDHACK (${ids.length} id${ids.length === 1 ? '' : 's'})` }
  }
  let best: IndexPlan | undefined
  for (const index of indexes) {
    const p = planIndex(index, constraints, sort)
    if (!p) continue
    if (
      !best ||
      p.score > best.score ||
      (p.score === best.score && p.ordered && !best.ordered) ||
      (p.score === best.score && p.ordered === best.ordered && p.ranges.length < best.ranges.length)
    ) {
      best = p
    }
  }
  if (best) return best
  // No declared index helps: walk the primary key (documents are stored in _id order) when the query bounds
  // _id or sorts by _id alone, as MongoDB's _id index would; otherwise a full scan.
  const idSort = sort.length === 1 && sort[0][0] === '_id'
  const range = id && (id.lower.length > 0 || id.upper.length > 0) ? rangeFor(Buffer.alloc(0), id, 1, false) : undefined
  if (range || idSort) {
    return {
      kind: 'scan',
      range,
      ordered: sort.length === 0 || idSort,
      reverse: idSort && sort[0][1] === -1,
      summary: `PKSCAN (_id${range ? ' range' : ''}${idSort ? ', ordered' : ''})`
    }
  }
  // A sort-only index walk is worth it only when it answers the sort; otherwise a scan is as good.
  return { kind: 'scan', summary: 'COLLSCAN' }
}
