import { Engine } from './engine'
import type { DatabaseOptions, EmulatorDatabase } from './types'

export * from './types'
export { Engine } from './engine'

/**
 * The emulator's database: a durable SQLite store under `dataDir` with the declared collections and
 * indexes, serving the `database.*` actions wx-server-sdk sends (see engine.ts).
 */
export function createDatabase(opts: DatabaseOptions): EmulatorDatabase {
  return new Engine(opts)
}
