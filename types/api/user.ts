import { z } from '../zod'
import { Me } from '../models'

/** The `user` cloud function: who is calling, with what role, in which organisation. */
export const userApi = {
  me: { input: z.object({}), output: Me }
} as const
