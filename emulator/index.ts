import path from 'node:path'
import { database } from '@/types/database'
import type { CollectionDeclaration } from '@/types/database'
import { LOCAL_ENV_ID } from './scf-env'
import { createDatabase } from './db'
import { EmulatorServer } from './server'
import { FunctionPool } from './runtime/pool'
import { installFunctions } from './runtime/functions'
import { installTimers } from './runtime/timers'
import { installGateway } from './web/gateway'
import { installLogin } from './web/login'
import { installStatic } from './web/static'
import { installStorage } from './storage'
import { installOpenapi } from './openapi'
import { installFaults } from './faults'
import { applyClockOption, installClock } from './web/clock'

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
  /** Run timer triggers on their schedule (tests fire them by hand instead). */
  timers?: boolean
  /** Extra collections beside types/database.ts (tests). */
  extraCollections?: Record<string, CollectionDeclaration>
  /**
   * Run at another instant: an ISO instant (time flows on from there) or `offset:<ms>` from the real clock.
   * The emulator, every function instance and the timers share it. Dev and tests only.
   */
  clock?: string
  /**
   * Multiplies every function's config.json timeout (tests on a loaded machine assert outcomes, not speed;
   * the bench and `npm start` keep 1, the cloud's own limits).
   */
  timeoutScale?: number
}

export const projectRoot = path.resolve(__dirname, '..')

export interface RunningEmulator {
  server: EmulatorServer
  pool: FunctionPool
  url: string
  close(): Promise<void>
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  // Before anything reads the time: the database's serverDate, the timers and the functions use this clock.
  if (opts.clock) applyClockOption(opts.clock)
  const dataDir = path.resolve(opts.dataDir ?? path.join(projectRoot, '.emulator-data'))
  const envId = opts.envId ?? LOCAL_ENV_ID
  const db = createDatabase({
    dataDir: path.join(dataDir, 'db'),
    declaration: { ...database, ...opts.extraCollections }
  })
  const server = new EmulatorServer(db)
  const pool = new FunctionPool(path.resolve(opts.functionsDir ?? path.join(projectRoot, 'build', 'cloudfunctions')), () => server.url, envId, {
    timeoutScale: opts.timeoutScale
  })
  installFunctions(server, pool)
  installFaults(server, pool)
  installClock(server)
  const timers = installTimers(server, pool, opts.timers ?? true)
  installStorage(server, dataDir, envId)
  installOpenapi(server, pool, dataDir)
  installGateway(server, pool)
  installLogin(server)
  installStatic(server, opts.staticDir ?? path.join(projectRoot, 'dist-h5'))
  await server.listen(opts.port ?? 8099)
  return {
    server,
    pool,
    url: server.url,
    async close() {
      timers.stop()
      await pool.close()
      await server.close()
      db.close()
    }
  }
}
