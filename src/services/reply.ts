// No zod and no schema here: this runs in the main package of the mini-program, whose budget zod alone would
// break. The function checks its input at its boundary and its reply against the action's output schema before
// it leaves (cloudfunctions/_lib/router.ts); the app trusts that contract at compile time (types/api) and checks
// only the envelope of what came back.
import type { ActionName, ActionOutput, FunctionName } from '@/types/api'
import { defaultMessages, isErrorCode, type ErrorCode } from '@/types/errors'

/** A failed cloud call, always with a code from types/errors and words a person can read. */
export class CloudError extends Error {
  readonly code: ErrorCode
  /** Marks instances even when a transpiled subclass of Error loses its prototype (ES5 targets). */
  readonly isCloudError = true

  constructor(code: ErrorCode, message?: string) {
    super(message || defaultMessages[code])
    this.name = 'CloudError'
    this.code = code
    Object.setPrototypeOf(this, CloudError.prototype)
  }
}

export function isCloudError(err: unknown): err is CloudError {
  return typeof err === 'object' && err !== null && (err as { isCloudError?: unknown }).isCloudError === true
}

/** Any thrown value as a CloudError (unknown failures become INTERNAL, never a stack trace on screen). */
export function toCloudError(err: unknown): CloudError {
  if (isCloudError(err)) return err
  return new CloudError('INTERNAL')
}

/**
 * Turns what a cloud function answered into its data, or throws a CloudError: the function's own failure keeps
 * its code and message; anything that is not a reply envelope (`{ ok: true, data }` or `{ ok: false, code,
 * message }`) is INTERNAL.
 */
export function parseReply<F extends FunctionName, A extends ActionName<F>>(_fn: F, _action: A, raw: unknown): ActionOutput<F, A> {
  if (typeof raw === 'object' && raw !== null) {
    const reply = raw as { ok?: unknown; data?: unknown; code?: unknown; message?: unknown }
    if (reply.ok === true && 'data' in reply && reply.data !== undefined) return reply.data as ActionOutput<F, A>
    if (reply.ok === false) {
      const message = typeof reply.message === 'string' ? reply.message : ''
      // A failure with a code we don't know still deserves its words if it has some.
      throw isErrorCode(reply.code) ? new CloudError(reply.code, message) : new CloudError('INTERNAL', message || undefined)
    }
  }
  throw new CloudError('INTERNAL')
}
