import { kinds } from '@/types/reminders'
import { _ } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { rows } from '../_lib/query'
import type { CaseDoc, DemandDoc, RatingDoc } from '../_lib/service'
import type { ReviewDoc } from '../_lib/reviews'
import { advanced, consentedResidents, decodeMark, managersOf, MAX_RATING_WINDOW_DAYS, SETTLE_MS, usersById, walk, type Due, type Source } from './source'

/**
 * A 差评 case still waiting for its 回访: the managers of the rated cadre's organisation, once per case. A
 * watermark over the cases in the order they were opened (index time); a case already visited by the time the
 * sender reads it is not reminded.
 */
export const badReviewSource: Source = {
  name: 'badReviewFollowUp',
  kinds: ['badReviewFollowUp'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<CaseDoc>('badReviewCases', {}, 'createdAt', decodeMark(cursor), null, new Date(now.getTime() - SETTLE_MS), size)
    const waiting = docs.filter((c) => c.active && !c.revisit)
    const managers = await managersOf(waiting.map((c) => c.orgId))
    const due: Due[] = []
    for (const c of waiting) {
      for (const m of managers.get(c.orgId) ?? []) {
        due.push({
          kind: 'badReviewFollowUp',
          openid: m.openid,
          userId: m._id,
          subject: c._id,
          period: 'once',
          facts: { caseId: c._id, cadreName: c.cadreName, at: new Date(c.createdAt).toISOString() }
        })
      }
    }
    return advanced(docs, 'createdAt', cursor, size, due)
  }
}

/**
 * A resident's 差评 was followed by an 整改 (rectified): the resident who rated, once, if they consented (the same
 * consent as above: the rateInvite template under their openid). A watermark over cases by the time they were
 * rectified (index rectified_time); the message opens the resident page of the rated visit's or demand's own code,
 * whose landing shows the fix and lets them rate it.
 */
export const fixDoneSource: Source = {
  name: 'fixDone',
  kinds: ['fixDone'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const windowStart = new Date(now.getTime() - MAX_RATING_WINDOW_DAYS * 24 * 3600 * 1000)
    const docs = await walk<CaseDoc>('badReviewCases', {}, 'rectification.at', decodeMark(cursor), windowStart, new Date(now.getTime() - SETTLE_MS), size)
    const fixed = docs.filter((c) => c.status === 'rectified' && c.rectification && !c.fixRating)
    const ratingIds = [...new Set(fixed.map((c) => c.ratingId))]
    const ratings = ratingIds.length
      ? await rows<RatingDoc>(
          collection('ratings')
            .where({ _id: _.in(ratingIds) })
            .limit(ratingIds.length)
        )
      : []
    const raterOf = new Map(ratings.filter((r) => !r.voided).map((r) => [r._id, r]))
    // The page where the fix is rated is the landing of the rated thing's own code: the visit's (the code rated
    // through), or the answered demand's (its sceneCode; a demand may have been rated through a plate code).
    const demandIds = [...new Set(fixed.filter((c) => c.targetKind === 'demand').map((c) => c.targetId))]
    const demands = demandIds.length
      ? await rows<DemandDoc>(
          collection('demands')
            .where({ _id: _.in(demandIds) })
            .limit(demandIds.length)
        )
      : []
    const sceneOfDemand = new Map(demands.map((d) => [d._id, d.sceneCode]))
    const consented = await consentedResidents(
      [...raterOf.values()].map((r) => r.raterOpenid),
      kinds.fixDone.template
    )
    const due: Due[] = []
    for (const c of fixed) {
      const r = raterOf.get(c.ratingId)
      if (!r || !consented.has(r.raterOpenid)) continue
      const scene = c.targetKind === 'visit' ? r.scene : c.targetKind === 'demand' ? sceneOfDemand.get(c.targetId) : null
      if (!scene) continue
      due.push({
        kind: 'fixDone',
        openid: r.raterOpenid,
        userId: null,
        subject: c._id,
        period: 'once',
        facts: { caseId: c._id, scene, result: c.rectification!.result, cadreName: c.cadreName, at: new Date(c.rectification!.at).toISOString() }
      })
    }
    return advanced(docs, 'rectification.at', cursor, size, due)
  }
}

/**
 * 批阅 (cloudfunctions/reviews): a leader read, commented on or 采纳 a cadre's diary entry or report — the author,
 * once per review. A watermark over the reviews in the order they were written (index time).
 */
export const workReviewedSource: Source = {
  name: 'workReviewed',
  kinds: ['workReviewed'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<ReviewDoc>('workReviews', {}, 'createdAt', decodeMark(cursor), null, new Date(now.getTime() - SETTLE_MS), size)
    const authors = await usersById(docs.map((d) => d.authorId))
    const due: Due[] = []
    for (const d of docs) {
      const a = authors.get(d.authorId)
      if (!a) continue
      due.push({
        kind: 'workReviewed',
        openid: a.openid,
        userId: a._id,
        subject: d._id,
        period: 'once',
        facts: {
          reviewId: d._id,
          cadreName: a.name,
          reviewerName: d.byName,
          action: d.kind,
          targetKind: d.targetKind,
          title: d.title,
          comment: d.comment ?? d.suggestion
        }
      })
    }
    return advanced(docs, 'createdAt', cursor, size, due)
  }
}
