import { z } from '../../types/zod'
import zhCN from 'zod/v4/locales/zh-CN.js'
import { api, type ActionName, type ActionOutput, type FunctionName } from '../../types/api'
import { replySchema } from '../../types/reply'
import { defaultMessages, ErrorCode } from '../../types/errors'

// Messages of generic input checks in Chinese (schemas with their own words keep them).
z.config(zhCN())

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

export function specOf<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): { input: z.ZodObject; output: z.ZodType } {
  const spec = (api[fn] as Record<string, { input: z.ZodObject; output: z.ZodType } | undefined>)[action]
  if (!spec) throw new CloudError('BAD_REQUEST', `没有这个操作：${fn}.${action}`)
  return spec
}

/** Checks what the page wants to send against the action's input schema; returns it with defaults applied. */
export function parseInput<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload: unknown): Record<string, unknown> {
  const result = specOf(fn, action).input.safeParse(payload ?? {})
  if (!result.success) {
    const first = result.error.issues[0]
    throw new CloudError('BAD_REQUEST', first?.message || defaultMessages.BAD_REQUEST)
  }
  return result.data as Record<string, unknown>
}

/**
 * Turns what a cloud function answered into its data, or throws a CloudError: the function's own failure
 * keeps its code and message; anything that is not a well-formed reply for this action is INTERNAL.
 */
export function parseReply<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, raw: unknown): ActionOutput<F, A> {
  const parsed = replySchema(specOf(fn, action).output).safeParse(raw)
  if (!parsed.success) {
    // A failure with a code we don't know still deserves its words if it has some.
    const loose = z.object({ ok: z.literal(false), message: z.string().min(1) }).safeParse(raw)
    throw new CloudError('INTERNAL', loose.success ? loose.data.message : undefined)
  }
  const reply = parsed.data as { ok: true; data: unknown } | { ok: false; code: ErrorCode; message: string }
  if (!reply.ok) throw new CloudError(reply.code, reply.message)
  return reply.data as ActionOutput<F, A>
}
