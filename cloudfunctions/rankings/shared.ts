import type { OrgLevel } from '@/types/enums'
import { AppError } from '../_lib/errors'
import { cursorKeys, packCursor } from '../_lib/cursor'
import { z } from '@/types/zod'
import { periodKind, periodOf, type PeriodKind } from '@/types/outcomes'

/** The org tree has three levels, so a node's level is its depth on its path. */
export const levelOfDepth: readonly OrgLevel[] = ['province', 'prefecture', 'county']
export const levelOfPath = (path: readonly string[]): OrgLevel => levelOfDepth[Math.min(path.length, 3) - 1] ?? 'county'

/** The period asked for, checked against its kind; default the current one. */
export function resolvePeriod(kind: PeriodKind, period: string | undefined, now: Date): string {
  if (!period) return periodOf(kind, now)
  if (periodKind(period) !== kind) throw new AppError('BAD_REQUEST', '时间段和所选的月/季/年不一致')
  return period
}

/** Page cursor: the last row's (unique) sort key. */
export const encodeKey = (key: string) => packCursor([key])
// eslint-disable-next-line no-control-regex -- a sort key never holds NUL: a cursor with one was forged
const SORT_KEY = /^[\d.]+[^\u0000]*$/
const sortKey = z.tuple([z.string().max(200).regex(SORT_KEY)])
export const decodeKey = (cursor: string | undefined): string | null => cursorKeys(cursor, sortKey)?.[0] ?? null
