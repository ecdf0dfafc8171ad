import { createHash } from 'node:crypto'
import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import { findUserByOpenid } from '../../_lib/users'
import { rows } from '../../_lib/query'
import { isRetryable } from '../../_lib/tx'
import { serviceRulesFor } from '../../_lib/org-rules'
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { checkTags, isBadLevel, levelScores, ratingWindowEnd, withinRatingWindow } from '@/types/rules/service'
import { FRESH_MS, eventGuardKey, raterGuardKey } from '@/types/rules/rating-guard'
import { previousMonth } from '@/types/outcomes'
import { caseIdFor, hashOpenid, ratingIdFor, type RatingDoc } from '../../_lib/service'
import { STAFF_CANNOT_RATE, rateTarget } from '../shared'
import { settle, sizeOf } from '../../_lib/rating-settle'

type Reply = z.output<typeof ratingsApi.rate.output>

/**
 * 群众点评, from residents only. One rating per resident per visit or demand: its _id is derived from (target,
 * openid) and the unique index target_rater_unique refuses a second one even from concurrent requests. The rating
 * is written on its own — no multi-document transaction, so a 座谈会's burst cannot conflict on the cadre's figures
 * — and then settled (_lib/rating-settle.ts): the hold rule reads the event's and the rater's other ratings once, and the
 * rating either waits for a manager's review or counts. A fixed handful of DB operations whatever the history:
 * the code's service, the caller, the rules (and, on a home visit, whether the rater is new), the write, the
 * rule's read, and two or three writes.
 *
 * The resident hears the same thanks either way: they are never told their rating was held.
 */
export async function rate(input: z.output<typeof ratingsApi.rate.input>, ctx: RequestContext): Promise<Reply> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const level = input.level
  if (!level) throw new AppError('BAD_REQUEST', '请选择您的满意程度（没有默认选项）')
  const tagProblem = checkTags(level, input.tags)
  if (tagProblem) throw new AppError('BAD_REQUEST', tagProblem)

  const [target, user] = await Promise.all([rateTarget(input.scene, input.about, input.demandId, openid), findUserByOpenid(openid)])
  if (user) throw new AppError('FORBIDDEN', STAFF_CANNOT_RATE)
  const month = beijingMonth(ctx.now)
  const raterKey = hashOpenid(openid)
  const rules = await serviceRulesFor(target.owner.orgPath, ctx.now)
  if (!withinRatingWindow(target.eventAt, ctx.now, rules)) {
    const end = ratingWindowEnd(target.eventAt, rules)
    throw new AppError('BAD_REQUEST', ctx.now < end ? '还不能评价' : `评价期已过（${beijingDate(end)} 截止，可评价 ${rules.ratingWindowDays} 天）`)
  }
  const size = sizeOf({ targetKind: target.kind }, target.visit, rules.ratingGuard)
  // Whether the rater is new matters only where new raters are held sooner than the event is full (a home visit).
  const fresh = target.kind !== 'fix' && size.freshLimit < size.cap ? await isNewRater(raterKey, month, ctx.now) : false

  const id = ratingIdFor(target.kind, target.id, openid, target.round)
  const bad = target.kind !== 'fix' && isBadLevel(level)
  const eventKey = eventGuardKey(target.kind, target.id)
  const o = target.owner
  const rating: RatingDoc = {
    _id: id,
    targetKind: target.kind,
    targetId: target.id,
    round: target.round,
    raterOpenid: openid,
    scene: input.scene,
    cadreId: o.cadreId,
    cadreName: o.cadreName,
    orgId: o.orgId,
    orgPath: o.orgPath,
    level,
    score: levelScores[level],
    tags: input.tags,
    comment: input.comment || null,
    contactPhone: bad && input.contactPhone ? input.contactPhone : null,
    followUp: null,
    flagged: false,
    voided: null,
    appeal: null,
    appealPending: false,
    caseId: bad ? caseIdFor(id) : null,
    date: beijingDate(ctx.now),
    month,
    year: beijingYear(ctx.now),
    createdAt: ctx.now,
    state: 'counted',
    hold: null,
    review: null,
    guard: [eventKey, raterGuardKey(raterKey, month)],
    raterKey,
    ipKey: ctx.clientIp ? createHash('sha256').update(`${eventKey}|${ctx.clientIp}`).digest('base64url').slice(0, 16) : null,
    fresh
  }
  try {
    const { _id, ...doc } = rating
    await collection('ratings').add({ data: { _id, ...doc } as unknown as Record<string, unknown> })
  } catch (err) {
    if (isRetryable(err)) throw new AppError('CONFLICT', '您已经评价过了（一次一评），如有补充可以追评一次')
    throw err
  }
  await settle(rating, size, rules, ctx.now)
  return {
    rating: { id, level },
    caseOpened: bad,
    message: bad ? '谢谢您的评价。我们会尽快核实，并联系您回访、限期整改' : '谢谢您的评价！'
  }
}

/** No rating of theirs this month or last is older than a day: an identity made for the occasion, perhaps. */
async function isNewRater(raterKey: string, month: string, now: Date): Promise<boolean> {
  const keys = [raterGuardKey(raterKey, month), raterGuardKey(raterKey, previousMonth(month))]
  const older = await rows<{ _id: string }>(
    collection('ratings')
      .where({ guard: _.in(keys), createdAt: _.lt(new Date(now.getTime() - FRESH_MS)) })
      .field({ _id: true })
      .limit(1)
  )
  return older.length === 0
}
