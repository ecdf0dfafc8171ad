import { randomBytes } from 'node:crypto'
import { TcbError } from './types'
import { toEjson, type Doc } from './ejson'
import { isPlainObject } from './keys'

// What the engine does to a document itself: ids, copies, comparisons, and the field names the cloud refuses.

export function newId(): string {
  return randomBytes(16).toString('hex')
}

export function cloneDoc<T>(v: T): T {
  return structuredClone(v)
}

export function sameValue(a: unknown, b: unknown): boolean {
  return toEjson({ v: a }) === toEjson({ v: b })
}

/** Field names the cloud refuses: starting with $ (operators) anywhere in a stored document. */
export function checkFieldNames(doc: Doc): void {
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`))
    else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.startsWith('$')) throw new TcbError('INVALID_PARAM', `field name ${path ? `${path}.` : ''}${k} must not start with $`)
        walk(x, path ? `${path}.${k}` : k)
      }
    }
  }
  walk(doc, '')
}
