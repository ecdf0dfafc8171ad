import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { applyOnce, markerKey } from '../../_lib/counters'
import { rows } from '../../_lib/query'
import { serviceRulesFor } from '../../_lib/org-rules'
import { rejectedDelta } from '../../_lib/stat-rules'
import { toRating, type RatingDoc } from '../../_lib/service'
import { count } from '../../_lib/rating-settle'

type Reply = z.output<typeof ratingsApi.reviewHeld.output>

/**
 * A manager of the rated cadre reviews held ratings: accepted ones count from now (their 差评 case opens with its
 * deadlines from the acceptance), rejected ones stay out of every figure. Each rating moves once: the state changes
 * only from 'held' (a conditional update: of two managers reviewing at once, one wins, the other is told it is
 * done), then its effects follow under their own markers (_lib/rating-settle.ts) — the reconciliation finishes a call that
 * dies in between. All ratings are checked against the caller's subtree before anything is written.
 */
export async function reviewHeld(input: z.output<typeof ratingsApi.reviewHeld.input>, ctx: RequestContext): Promise<Reply> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const ids = [...new Set(input.ratingIds)]
  const docs = await rows<RatingDoc>(
    collection('ratings')
      .where({ _id: _.in(ids) })
      .limit(ids.length)
  )
  if (docs.length < ids.length) throw new AppError('NOT_FOUND', '有评价没有找到，请刷新后再试')
  for (const r of docs) requireManagerOf(user, r.orgPath, '只有被评价干部的上级管理员可以审核这些评价')

  const note = input.note || null
  const review = { decision: input.decision, note, by: user._id, byName: user.name, at: ctx.now }
  const out: Reply = { accepted: 0, rejected: 0, skipped: 0, items: [] }
  const rulesByOrg = new Map<string, Awaited<ReturnType<typeof serviceRulesFor>>>()
  for (const r of docs) {
    if (r.state !== 'held') {
      out.skipped += 1
      out.items.push(toRating(r))
      continue
    }
    const state = input.decision === 'accept' ? 'counted' : 'rejected'
    const res = (await collection('ratings')
      .where({ _id: r._id, state: 'held' })
      .update({ data: { state, review, ...(input.decision === 'accept' ? { flagged: true } : {}) } })) as { stats?: { updated?: number } }
    if ((res.stats?.updated ?? 0) === 0) {
      out.skipped += 1
      continue
    }
    const next: RatingDoc = { ...r, state, review, flagged: input.decision === 'accept' ? true : r.flagged }
    if (input.decision === 'accept') {
      let rules = rulesByOrg.get(r.orgId)
      if (!rules) rulesByOrg.set(r.orgId, (rules = await serviceRulesFor(r.orgPath, ctx.now)))
      await count(next, rules, ctx.now, ctx.now, 'a')
      out.accepted += 1
    } else {
      await applyOnce(r, r, rejectedDelta(), markerKey('x', r._id), ctx.now, ctx.now)
      out.rejected += 1
    }
    out.items.push(toRating(next))
  }
  return out
}
