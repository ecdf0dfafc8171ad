import { cloud } from './cloud'
import { AppError } from './errors'

/** A handle whose doc().get() answers null for a missing document instead of throwing. */
export const txDb = cloud.database({ throwOnNotFound: false } as unknown as { env?: string })

/** The part of a wx-server-sdk transaction we use: documents by id, as the real cloud allows. */
export interface Tx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: Record<string, unknown> | null }>
      set(o: { data: Record<string, unknown> }): Promise<unknown>
      update(o: { data: Record<string, unknown> }): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(o: { data: Record<string, unknown> }): Promise<unknown>
  }
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

const MAX_ATTEMPTS = 6
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs fn in a transaction and commits; on a write conflict or a duplicate key (a concurrent request
 * wrote the same document) everything is rolled back and fn runs again from the start, reading afresh.
 * An AppError is a decision, not a conflict: it rolls back and is thrown at once. Nothing is half-written.
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = (await (txDb as unknown as { startTransaction(): Promise<Tx> }).startTransaction()) as Tx
    try {
      const result = await fn(tx)
      await tx.commit()
      return result
    } catch (err) {
      await tx.rollback().catch(() => undefined)
      // wx-server-sdk rewraps database errors (the TCB code becomes a generic errCode), so a conflict is
      // not always recognisable: any database failure is retried a few times, each attempt from scratch.
      if (err instanceof AppError || attempt >= (isRetryable(err) ? MAX_ATTEMPTS : 3)) throw err
      await sleep(10 * attempt + Math.floor(Math.random() * 30 * attempt))
    }
  }
}

/** Conflicts and duplicate keys, however the SDK wrapped them (code, errCode or message). */
export function isRetryable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return typeof err === 'string' && /conflict|duplicate|E11000/i.test(err)
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown }
  const text = `${String(e.code ?? '')} ${String(e.errCode ?? '')} ${String(e.message ?? '')} ${String(e.errMsg ?? '')}`
  return /CONFLICT|DUPLICATE|duplicate key|E11000|unique|冲突|重复/i.test(text)
}
