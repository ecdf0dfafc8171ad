import type { z } from '../../../types/zod'
import type { ratingsApi } from '../../../types/api/ratings'
import type { Rating } from '../../../types/service'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { isManagerOf } from '../../_lib/auth'
import { findUserByOpenid } from '../../_lib/users'
import { inTransaction } from '../../_lib/tx'
import { beijingDate, beijingMonth, beijingYear } from '../../../types/rules/beijing-time'
import { ratingLevels } from '../../../types/enums'
import {
  RATE_LIMITS,
  REPEAT_RATER_THRESHOLD,
  caseDeadlines,
  checkTags,
  isBadLevel,
  levelScores,
  ratingWindowEnd,
  withinRatingWindow
} from '../../../types/rules/service'
import {
  bumpCounter,
  bumpServiceStats,
  caseIdFor,
  hashOpenid,
  put,
  ratingIdFor,
  toRating,
  type CaseDoc,
  type DemandDoc,
  type RatingDoc,
  type StatDelta
} from '../../_lib/service'
import { resolveTarget, sceneOf } from '../shared'
import { serviceRulesFor } from '../../_lib/org-rules'
import { holidayCalendarAt } from '../../_lib/holidays'
import { ratedDelta } from '../../_lib/stat-rules'

/**
 * 群众点评. One rating per resident per visit or demand: the rating's _id is derived from (target,
 * openid) and the unique index target_rater_unique refuses a second document even from concurrent
 * requests. In one transaction: the rating, the daily rate limit, the repeat-rater counter, a 差评's
 * follow-up case, the rated demand or fix, and the cadre's month/year figures — a fixed number of
 * document reads and writes whatever the history.
 */
export async function rate(input: z.output<typeof ratingsApi.rate.input>, ctx: RequestContext): Promise<{ rating: Rating; caseOpened: boolean; message: string }> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const level = input.level
  if (!level) throw new AppError('BAD_REQUEST', '请选择您的满意程度（没有默认选项）')
  const tagProblem = checkTags(level, input.tags)
  if (tagProblem) throw new AppError('BAD_REQUEST', tagProblem)

  const scene = await sceneOf(input.scene)
  const target = await resolveTarget(scene, input.about, input.demandId, openid)
  const [rules, calendar] = await Promise.all([serviceRulesFor(target.owner.orgPath, ctx.now), holidayCalendarAt(ctx.now)])

  const user = await findUserByOpenid(openid)
  if (user && user._id === target.owner.cadreId) throw new AppError('FORBIDDEN', '不能评价自己的工作')
  if (user && isManagerOf(user, target.owner.orgPath)) throw new AppError('FORBIDDEN', '管理员不能评价自己管理范围内干部的工作')
  if (!withinRatingWindow(target.eventAt, ctx.now, rules)) {
    const end = ratingWindowEnd(target.eventAt, rules)
    throw new AppError('BAD_REQUEST', ctx.now < end ? '还不能评价' : `评价期已过（${beijingDate(end)} 截止，可评价 ${rules.ratingWindowDays} 天）`)
  }

  const id = ratingIdFor(target.kind, target.id, openid)
  const already = '您已经评价过了（一次一评），如有补充可以追评一次'
  const bad = target.kind !== 'fix' && isBadLevel(level)

  return inTransaction(async (tx) => {
    if ((await tx.collection('ratings').doc(id).get()).data) throw new AppError('CONFLICT', already)
    const today = beijingDate(ctx.now)
    const month = beijingMonth(ctx.now)
    const n = await bumpCounter(tx, `rate:${hashOpenid(openid)}:${today}`, ctx.now)
    if (n > RATE_LIMITS.ratings) throw new AppError('RATE_LIMITED', `今天已经评价了 ${RATE_LIMITS.ratings} 次，请明天再来`)
    const repeat = await bumpCounter(tx, `repeat:${hashOpenid(openid)}:${target.owner.cadreId}:${month}`, ctx.now)
    const flagged = target.kind !== 'fix' && repeat >= REPEAT_RATER_THRESHOLD

    const o = target.owner
    const rating: RatingDoc = {
      _id: id,
      targetKind: target.kind,
      targetId: target.id,
      raterOpenid: openid,
      scene: scene._id,
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
      flagged,
      voided: null,
      appeal: null,
      appealPending: false,
      caseId: bad ? caseIdFor(id) : null,
      date: today,
      month,
      year: beijingYear(ctx.now),
      createdAt: ctx.now
    }
    await tx.collection('ratings').add({ data: { ...rating } as unknown as Record<string, unknown> })

    if (bad) {
      const c: CaseDoc = {
        _id: caseIdFor(id),
        ratingId: id,
        targetKind: target.kind,
        targetId: target.id,
        cadreId: o.cadreId,
        cadreName: o.cadreName,
        orgId: o.orgId,
        orgPath: o.orgPath,
        level,
        tags: input.tags,
        comment: rating.comment,
        contactPhone: rating.contactPhone,
        status: 'revisit',
        active: true,
        ...caseDeadlines(ctx.now, rules, calendar),
        revisit: null,
        rectification: null,
        fixRating: null,
        month,
        year: rating.year,
        createdAt: ctx.now
      }
      await tx.collection('badReviewCases').add({ data: { ...c } as unknown as Record<string, unknown> })
    }
    if (target.kind === 'demand') {
      const d = (await tx.collection('demands').doc(target.id).get()).data as unknown as DemandDoc
      await put(tx, 'demands', {
        ...d,
        _id: target.id,
        rating: { level },
        timeline: [...d.timeline, { kind: 'rated', at: ctx.now, by: 'resident', byName: '群众', byRole: 'resident', note: ratingLevels.labels[level] }]
      })
    }
    if (target.kind === 'fix') {
      const c = (await tx.collection('badReviewCases').doc(target.id).get()).data as unknown as CaseDoc
      await put(tx, 'badReviewCases', { ...c, _id: target.id, fixRating: { level } })
    }

    const delta: StatDelta = ratedDelta({ targetKind: target.kind, level, flagged })
    await bumpServiceStats(tx, o, { month, year: rating.year }, delta, ctx.now)

    return {
      rating: toRating(rating),
      caseOpened: bad,
      message: bad ? '谢谢您的评价。我们会在 1 个工作日内回访您，并限期整改' : '谢谢您的评价！'
    }
  })
}
