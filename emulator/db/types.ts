import type { CollectionDeclaration } from '@/types/database'

/**
 * What one HTTP request to the emulator cost the database, counted the way MongoDB's explain does.
 * The server makes one Meter per request, the function runtime adds them up per invocation.
 */
export interface Meter {
  /** Database actions served (a get, an update, a commit ... each counts one). */
  dbOps: number
  /** Documents loaded from storage and tested against a query (explain's totalDocsExamined). */
  docsExamined: number
  /** Documents sent back to the caller. */
  docsReturned: number
  /** Index keys looked at (explain's totalKeysExamined). */
  keysExamined: number
}

export const newMeter = (): Meter => ({ dbOps: 0, docsExamined: 0, docsReturned: 0, keysExamined: 0 })

/** An error the SDK understands: HTTP 200 with { code, message, requestId }. */
export class TcbError extends Error {
  constructor(
    public readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export interface DatabaseOptions {
  /** Folder for the durable store (created if absent). */
  dataDir: string
  /** Collections and indexes, from types/database.ts (tests may add their own). */
  declaration: Record<string, CollectionDeclaration>
}

export interface EmulatorDatabase {
  /**
   * Serves one `database.*` action exactly as wx-server-sdk sends it (body already JSON-parsed)
   * and returns the response body without requestId; throws TcbError for SDK-visible errors.
   */
  handle(action: string, body: Record<string, unknown>, meter: Meter): Promise<Record<string, unknown>>
  /** Direct access for the emulator's own features (gateway dev users, seed checks, reset). */
  find(collection: string, query: Record<string, unknown>, limit?: number): Record<string, unknown>[]
  /** Drops every document of every collection (tests, `emulator reset`). */
  reset(): void
  close(): void
}
