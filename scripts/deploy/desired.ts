/**
 * What a CloudBase environment should hold, from the repository's own declarations: the collections, indexes and
 * permission of types/database.ts, and each function's cloudfunctions/<name>/config.json (timeout, memory, timer
 * triggers, openapi permissions) with the hash of its production bundle.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { database } from '@/types/database'
import { functionNames } from '../build-functions'

/** The cloud's runtime for the bundles: esbuild targets node16 (scripts/build-functions.ts). Fixed at creation. */
export const RUNTIME = 'Nodejs16.13'
/** Files of a function folder that are not uploaded (source maps stay on the machine that built them). */
export const NOT_UPLOADED = ['*.map']

export interface DesiredIndex {
  name: string
  keys: [field: string, direction: 1 | -1][]
  unique: boolean
}

export interface DesiredCollection {
  name: string
  permission: 'ADMINONLY'
  indexes: DesiredIndex[]
}

export interface Trigger {
  name: string
  type: 'timer'
  /** WeChat's 7-field cron, Beijing time. */
  config: string
}

export interface DesiredFunction {
  name: string
  timeout: number
  memorySize: number
  runtime: string
  triggers: Trigger[]
  /** Travels in config.json inside the code: WeChat reads it from the uploaded package. */
  openapi: string[]
  /** sha256 of the uploaded files (null when the bundle is not built, as in an offline plan). */
  codeHash: string | null
}

export function desiredCollections(): DesiredCollection[] {
  return Object.entries(database).map(([name, decl]) => ({
    name,
    permission: decl.permission,
    indexes: decl.indexes.map((i) => ({ name: i.name, keys: i.keys.map(([f, d]) => [f, d] as [string, 1 | -1]), unique: 'unique' in i && i.unique === true }))
  }))
}

interface ConfigJson {
  timeout?: number
  memorySize?: number
  triggers?: { name: string; type: string; config: string }[]
  permissions?: { openapi?: string[] }
}

export function readConfig(name: string, root = path.resolve(__dirname, '../..')): ConfigJson {
  return JSON.parse(readFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as ConfigJson
}

/** The hash of what would be uploaded from a built function folder: every file but the source maps, by name. */
export function codeHash(dir: string): string | null {
  if (!existsSync(path.join(dir, 'index.js'))) return null
  const hash = createHash('sha256')
  for (const file of readdirSync(dir)
    .filter((f) => !f.endsWith('.map'))
    .sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dir, file)))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** Every function of the repository; builtRoot is where its production bundles are (null: not built). */
export function desiredFunctions(builtRoot: string | null): DesiredFunction[] {
  return functionNames().map((name) => {
    const config = readConfig(name)
    const triggers = (config.triggers ?? []).map((t) => {
      if (t.type !== 'timer') throw new Error(`cloudfunctions/${name}/config.json: only timer triggers are deployed, not ${t.type}`)
      return { name: t.name, type: 'timer' as const, config: t.config }
    })
    if (!config.timeout || !config.memorySize) throw new Error(`cloudfunctions/${name}/config.json needs timeout (s) and memorySize (MB)`)
    return {
      name,
      timeout: config.timeout,
      memorySize: config.memorySize,
      runtime: RUNTIME,
      triggers,
      openapi: config.permissions?.openapi ?? [],
      codeHash: builtRoot ? codeHash(path.join(builtRoot, name)) : null
    }
  })
}
