// No zod here: the mini-program reads these codes and words in its main package (see types/labels.ts).

export const errorCodes = ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'] as const

export type ErrorCode = (typeof errorCodes)[number]

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (errorCodes as readonly string[]).includes(v)
}

/**
 * Refusals that asking again cannot change: the same request gets the same answer (bad or missing input — a broken
 * link, an expired code —, no right to it, gone). A page that failed to load with one offers the way home, not 重试.
 */
export const lastingCodes: readonly ErrorCode[] = ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND']

export const retryCanHelp = (code: ErrorCode | undefined): boolean => !code || !lastingCodes.includes(code)

/** What a person sees when the server gave no better words. */
export const defaultMessages: Record<ErrorCode, string> = {
  BAD_REQUEST: '提交的内容不完整或格式不对，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限做这件事',
  NOT_FOUND: '要找的内容不存在或已被删除',
  CONFLICT: '这件事刚被别人改过，请刷新后再试',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  UNAVAILABLE: '网络不太好，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试'
}
