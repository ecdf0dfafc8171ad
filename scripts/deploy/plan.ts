/**
 * The calls that bring an environment from what it holds (CurrentState, read first) to what the repository
 * declares (scripts/deploy/desired.ts): nothing for what already matches. Pure; `npm run deploy -- --plan` prints
 * the calls for an empty environment, offline.
 */
import type { DesiredCollection, DesiredFunction, DesiredIndex, Trigger } from './desired'

export interface CurrentIndex {
  name: string
  keys: [string, 1 | -1][]
  unique: boolean
}

export interface CurrentFunction {
  runtime: string
  timeout: number
  memorySize: number
  /** Where a deploy leaves the hash of the code it uploaded (`jdq <hash>`). */
  description: string
  triggers: Trigger[]
}

export interface CurrentState {
  /** Absent: no such collection. permission null: not known. */
  collections: Record<string, { indexes: CurrentIndex[]; permission: string | null }>
  functions: Record<string, CurrentFunction>
}

export const emptyState: CurrentState = { collections: {}, functions: {} }

export type Call =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: DesiredIndex }
  | { kind: 'dropIndex'; collection: string; index: string; why: string }
  | { kind: 'setPermission'; collection: string; permission: 'ADMINONLY'; was: string | null }
  | { kind: 'deleteFunction'; fn: string; why: string }
  | { kind: 'createFunction'; fn: DesiredFunction }
  | { kind: 'updateCode'; fn: DesiredFunction }
  | { kind: 'updateConfig'; fn: DesiredFunction; changes: string[] }
  | { kind: 'deleteTrigger'; fn: string; trigger: string; why: string }
  | { kind: 'createTriggers'; fn: string; triggers: Trigger[] }

export const descriptionOf = (hash: string | null) => `jdq ${hash ?? '(built at deploy)'}`

const sameKeys = (a: readonly (readonly [string, number])[], b: readonly (readonly [string, number])[]) =>
  a.length === b.length && a.every(([f, d], i) => f === b[i][0] && d === b[i][1])

export function planDatabase(current: CurrentState, desired: DesiredCollection[]): Call[] {
  const calls: Call[] = []
  for (const c of desired) {
    const now = current.collections[c.name]
    if (!now) calls.push({ kind: 'createCollection', collection: c.name })
    for (const index of c.indexes) {
      const existing = now?.indexes.find((i) => i.name === index.name)
      if (existing && sameKeys(existing.keys, index.keys) && existing.unique === index.unique) continue
      if (existing) calls.push({ kind: 'dropIndex', collection: c.name, index: index.name, why: 'its keys or uniqueness changed' })
      calls.push({ kind: 'createIndex', collection: c.name, index })
    }
    if (now?.permission !== c.permission) calls.push({ kind: 'setPermission', collection: c.name, permission: c.permission, was: now?.permission ?? null })
  }
  return calls
}

export function planFunctions(current: CurrentState, desired: DesiredFunction[]): Call[] {
  const calls: Call[] = []
  for (const fn of desired) {
    let now: CurrentFunction | undefined = current.functions[fn.name]
    if (now && now.runtime !== fn.runtime) {
      calls.push({ kind: 'deleteFunction', fn: fn.name, why: `runtime ${now.runtime} → ${fn.runtime}, fixed at creation` })
      now = undefined
    }
    if (!now) {
      calls.push({ kind: 'createFunction', fn })
      if (fn.triggers.length) calls.push({ kind: 'createTriggers', fn: fn.name, triggers: fn.triggers })
      continue
    }
    if (fn.codeHash === null || now.description !== descriptionOf(fn.codeHash)) calls.push({ kind: 'updateCode', fn })
    const changes = [
      now.timeout !== fn.timeout ? `timeout ${now.timeout} → ${fn.timeout} s` : '',
      now.memorySize !== fn.memorySize ? `memory ${now.memorySize} → ${fn.memorySize} MB` : ''
    ].filter(Boolean)
    if (changes.length) calls.push({ kind: 'updateConfig', fn, changes })
    const stale = now.triggers.filter((t) => !fn.triggers.some((d) => d.name === t.name && d.type === t.type && d.config === t.config))
    for (const t of stale) {
      const declared = fn.triggers.some((d) => d.name === t.name)
      calls.push({ kind: 'deleteTrigger', fn: fn.name, trigger: t.name, why: declared ? `its schedule changed (was ${t.config})` : 'not in config.json' })
    }
    const missing = fn.triggers.filter((d) => !now?.triggers.some((t) => t.name === d.name && t.type === d.type && t.config === d.config))
    if (missing.length) calls.push({ kind: 'createTriggers', fn: fn.name, triggers: missing })
  }
  return calls
}

const keyText = (keys: readonly (readonly [string, number])[]) => keys.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')
const triggerText = (t: Trigger) => `${t.name} (${t.type} "${t.config}")`

/** One line per call, naming its collection or function, and the management API method it uses. */
export function describeCall(call: Call): string {
  switch (call.kind) {
    case 'createCollection':
      return `database.createCollection          ${call.collection}`
    case 'createIndex':
      return `database.updateCollection          ${call.collection}: create index ${call.index.name} (${keyText(call.index.keys)})${call.index.unique ? ' unique' : ''}`
    case 'dropIndex':
      return `database.updateCollection          ${call.collection}: drop index ${call.index} (${call.why})`
    case 'setPermission':
      return `ModifyDatabaseACL                  ${call.collection}: ${call.permission} (仅管理端可读写)${call.was ? `, was ${call.was}` : ''}`
    case 'deleteFunction':
      return `functions.deleteFunction           ${call.fn} (${call.why})`
    case 'createFunction': {
      const f = call.fn
      const openapi = f.openapi.length ? `openapi ${f.openapi.join(', ')}` : 'no openapi'
      return `functions.createFunction           ${f.name}: ${f.runtime}, timeout ${f.timeout} s, memory ${f.memorySize} MB, ${openapi}, code ${f.codeHash ?? '(built at deploy)'}`
    }
    case 'updateCode':
      return `functions.updateFunctionCode       ${call.fn.name}: code ${call.fn.codeHash ?? '(built at deploy)'}${call.fn.openapi.length ? ` with openapi ${call.fn.openapi.join(', ')}` : ''}`
    case 'updateConfig':
      return `functions.updateFunctionConfig     ${call.fn.name}: ${call.changes.join(', ')}`
    case 'deleteTrigger':
      return `functions.deleteFunctionTrigger    ${call.fn}: ${call.trigger} (${call.why})`
    case 'createTriggers':
      return `functions.createFunctionTriggers   ${call.fn}: ${call.triggers.map(triggerText).join(', ')}`
  }
}
