import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Landing } from '@/types/service'
import { collection, type LiaisonPointDoc, type OrgDoc, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, isManagerOf } from '../../_lib/auth'
import { findUserByOpenid } from '../../_lib/users'
import { rows } from '../../_lib/query'
import { beijingDate } from '@/types/rules/beijing-time'
import { ratingWindowEnd, withinRatingWindow } from '@/types/rules/service'
import { serviceRulesFor } from '../../_lib/org-rules'
import { caseIdFor, demandRound, ratingIdFor, type CaseDoc, type DemandDoc, type RatingDoc } from '../../_lib/service'
import { STAFF_CANNOT_RATE, sceneOf } from '../shared'
import { _ } from '../../_lib/cloud'
import { byId } from '../../_lib/by-id'

/**
 * What a resident sees after scanning: the cadre's name, organisation and the date — no personal
 * data — whether they may rate (and if not, why), their own rating, a fix to rate, and the problems
 * they reported through this code. A fixed handful of indexed reads.
 */
export async function landing(input: z.output<typeof ratingsApi.landing.input>, ctx: RequestContext): Promise<Landing> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const scene = await sceneOf(input.scene)
  const [cadre, org, me, rules] = await Promise.all([
    findUserById(scene.cadreId),
    byId<OrgDoc>('orgs', scene.orgId),
    findUserByOpenid(openid),
    serviceRulesFor(scene.orgPath, ctx.now)
  ])
  if (!cadre) throw new AppError('NOT_FOUND', '这个二维码对应的干部已不在岗，请联系当地组织')
  // Any staff account, of any system: the page says why it may not rate (群众点评 takes residents' ratings only).
  const own = Boolean(me)

  let date: string | null = null
  let pointName: string | null = null
  let eventAt: Date | null = null
  let targetKind: 'visit' | 'demand' | null = null
  let round = 0
  let blocked: string | null = null
  if (scene.kind === 'visit') {
    const v = await byId<VisitDoc>('visits', scene.targetId)
    if (!v || v.status === 'rejected') throw new AppError('NOT_FOUND', '没有找到这次走访，二维码可能已失效')
    date = v.date
    pointName = v.pointName
    eventAt = new Date(v.visitedAt)
    targetKind = 'visit'
  } else if (scene.kind === 'demand') {
    const d = await byId<DemandDoc>('demands', scene.targetId)
    if (!d) throw new AppError('NOT_FOUND', '没有找到这件事，二维码可能已失效')
    if (d.closedAt) {
      date = beijingDate(d.closedAt)
      eventAt = new Date(d.closedAt)
    } else blocked = '这件事还在办理中，办结后再来评价'
    targetKind = 'demand'
    round = demandRound(d)
  } else {
    const p = await byId<LiaisonPointDoc>('liaisonPoints', scene.targetId)
    pointName = p?.name ?? null
    blocked = '这是联系点的二维码，可以随时反映问题；评价请扫干部走访时出示的二维码'
  }

  let mine: RatingDoc | null = null
  let fix: Landing['fix'] = null
  if (targetKind) {
    mine = await byId<RatingDoc>('ratings', ratingIdFor(targetKind, scene.targetId, openid, round))
    if (mine?.caseId) {
      const c = await byId<CaseDoc>('badReviewCases', mine.caseId)
      if (c && c.status === 'rectified' && c.rectification) {
        const rated = Boolean(c.fixRating) || Boolean(await byId<RatingDoc>('ratings', ratingIdFor('fix', caseIdFor(mine._id), openid)))
        fix = { result: c.rectification.result, rated, canRate: !rated && !own && withinRatingWindow(c.rectification.at, ctx.now, rules) }
      }
    }
  }
  if (!blocked && me) blocked = me._id === cadre._id || isManagerOf(me, cadre.orgPath) ? '不能评价自己（或自己管理的干部）的工作' : STAFF_CANNOT_RATE
  if (!blocked && mine) blocked = '您已经评价过了，谢谢！'
  if (!blocked && eventAt && !withinRatingWindow(eventAt, ctx.now, rules)) blocked = `评价期已过（可在 ${rules.ratingWindowDays} 天内评价）`

  const myDemands = me
    ? []
    : await rows<DemandDoc>(collection('demands').where({ residentOpenid: openid, viaScene: scene._id }).orderBy('createdAt', 'desc').limit(5))
  // Rated by me: my rating of each (its id is known), whether it counts yet or waits — the resident is not told which.
  const mineOf = myDemands.length
    ? new Set(
        (
          await rows<{ _id: string }>(
            collection('ratings')
              .where({ _id: _.in(myDemands.map((d) => ratingIdFor('demand', d._id, openid, demandRound(d)))) })
              .field({ _id: true })
              .limit(myDemands.length)
          )
        ).map((r) => r._id)
      )
    : new Set<string>()
  const ratedByMe = (d: DemandDoc) => Boolean(d.rating) || mineOf.has(ratingIdFor('demand', d._id, openid, demandRound(d)))
  return {
    scene: scene._id,
    kind: scene.kind,
    cadreName: cadre.name,
    orgName: org?.name ?? '',
    date,
    pointName,
    canRate: !blocked,
    rateBlocked: blocked,
    windowEndsAt: eventAt ? ratingWindowEnd(eventAt, rules).toISOString() : null,
    myRating: mine ? { level: mine.level, canFollowUp: !mine.followUp && !mine.voided } : null,
    fix,
    myDemands: myDemands.map((d) => ({
      id: d._id,
      area: d.area,
      status: d.status,
      reply: d.reply,
      rated: ratedByMe(d),
      canRate: d.status === 'closed' && !ratedByMe(d) && Boolean(d.closedAt) && withinRatingWindow(d.closedAt!, ctx.now, rules)
    })),
    canReport: !own && !me
  }
}
