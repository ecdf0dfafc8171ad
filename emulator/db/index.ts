import { TcbError, type DatabaseOptions, type EmulatorDatabase } from './types'

export * from './types'

// Placeholder until the sqlite-backed engine lands.
export function createDatabase(_opts: DatabaseOptions): EmulatorDatabase {
  return {
    async handle(action) {
      throw new TcbError('INVALID_ACTION', `database not implemented: ${action}`)
    },
    find: () => [],
    reset() {},
    close() {}
  }
}
