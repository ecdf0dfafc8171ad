import { defaultMessages, type ErrorCode } from '@/types/errors'

/** An expected failure with a message fit to show the person who caused it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessages[code]
  ) {
    super(message)
  }
}

export const badRequest = (message?: string) => new AppError('BAD_REQUEST', message)
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message)
export const notFound = (message?: string) => new AppError('NOT_FOUND', message)
