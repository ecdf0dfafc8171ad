import path from 'node:path'
import { database } from '../types/database'
import type { CollectionDeclaration } from '../types/database'
import { createDatabase } from './db'
import { EmulatorServer } from './server'

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number
  /** Durable data folder; default .emulator-data under the project. */
  dataDir?: string
  /** The CloudBase environment id the functions see. */
  envId?: string
  /** Built functions (scripts/build-functions.ts output). */
  functionsDir?: string
  /** The H5 build to serve at `/`, if present. */
  staticDir?: string
  /** Extra collections beside types/database.ts (tests). */
  extraCollections?: Record<string, CollectionDeclaration>
}

export const projectRoot = path.resolve(__dirname, '..')

export interface RunningEmulator {
  server: EmulatorServer
  url: string
  close(): Promise<void>
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const dataDir = path.resolve(opts.dataDir ?? path.join(projectRoot, '.emulator-data'))
  const db = createDatabase({
    dataDir: path.join(dataDir, 'db'),
    declaration: { ...database, ...opts.extraCollections }
  })
  const server = new EmulatorServer(db)
  await server.listen(opts.port ?? 8099)
  return {
    server,
    url: server.url,
    async close() {
      await server.close()
      db.close()
    }
  }
}
