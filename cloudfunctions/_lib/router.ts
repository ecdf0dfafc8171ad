import { z } from '@/types/zod'
import type { ActionSpec } from '@/types/api'
import type { Reply } from '@/types/reply'
import { defaultMessages } from '@/types/errors'
import { AppError } from './errors'
import { requestContext, type RequestContext } from './context'
import { describeIssues } from './validation'

export type Handlers<S extends Record<string, ActionSpec>> = {
  [A in keyof S]: (input: z.output<S[A]['input']>, ctx: RequestContext) => Promise<z.input<S[A]['output']>>
}

/**
 * Builds a cloud function's `main` from its slice of the shared api registry: parses the event
 * with a discriminated union on `action`, runs the handler, and always answers with a Reply.
 */
export function createFunction<S extends Record<string, ActionSpec>>(spec: S, handlers: Handlers<S>) {
  const actions = Object.keys(spec)
  const schemas = actions.map((name) => spec[name].input.extend({ action: z.literal(name) }))
  const event = z.discriminatedUnion('action', schemas as unknown as [z.ZodObject, ...z.ZodObject[]])

  return async function main(raw: unknown): Promise<Reply<unknown>> {
    const action = typeof raw === 'object' && raw !== null ? (raw as { action?: unknown }).action : undefined
    if (typeof action !== 'string' || !actions.includes(action)) {
      return {
        ok: false,
        code: 'BAD_REQUEST',
        message: `未知的操作：${typeof action === 'string' ? action : '（未指定）'}。可用的操作：${actions.join('、')}`
      }
    }
    const parsed = event.safeParse(raw)
    if (!parsed.success) {
      return { ok: false, code: 'BAD_REQUEST', message: `提交的内容有误：${describeIssues(parsed.error)}` }
    }
    try {
      const { action: _action, ...input } = parsed.data as { action: string }
      const handler = handlers[action as keyof S]
      const data = await handler(input as never, requestContext())
      // The reply is checked against the contract too, so a handler can never leak fields the client does not expect.
      return { ok: true, data: spec[action].output.parse(data) }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message }
      console.error(`[${action}] failed`, err)
      return { ok: false, code: 'INTERNAL', message: defaultMessages.INTERNAL }
    }
  }
}
