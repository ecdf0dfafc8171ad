import { z } from './zod'
import { errorCodes } from './errors'

export const failureSchema = z.object({
  ok: z.literal(false),
  code: z.enum(errorCodes),
  message: z.string()
})
export type Failure = z.infer<typeof failureSchema>

export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), failureSchema])
}

export type Reply<T> = { ok: true; data: T } | Failure
