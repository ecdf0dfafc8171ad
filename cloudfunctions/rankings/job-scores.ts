/**
 * Phase 1 of a rankings cycle: a batch of cadres (users by _id), their kept statistics read in a fixed number of
 * reads (_lib/outcome-inputs.ts), figures (_lib/cadre-figures.ts) → score → one cadreScores document per period.
 * Memory is one batch of cadres, whatever the province's size.
 */
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { cadreFigures, paceOf } from '../_lib/cadre-figures'
import { inputsFor, readInputs, rulesByOrg } from '../_lib/outcome-inputs'
import type { OrgRules } from '@/types/org-rules'
import { cadreSortKey, computeScore, satisfactionRuleText, scoredShareOf } from '@/types/rules/score'
import { cadreScoreId, periodKind, periodYear, rankScopes, satisfiedShare, type CadreScoreDoc, type RankScope } from '@/types/outcomes'
import type { Checkpoint, RunReport } from './job'

const levelOfDepth = ['province', 'prefecture', 'county'] as const

async function orgsById(ids: string[], cache: Map<string, OrgDoc>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id))
  if (missing.length) {
    for (const o of await rows<OrgDoc>(
      collection('orgs')
        .where({ _id: _.in(missing) })
        .limit(missing.length)
    ))
      cache.set(o._id, o)
  }
}

export async function scoresBatch(cp: Checkpoint, now: Date, size: number, orgCache: Map<string, OrgDoc>, report: RunReport): Promise<Checkpoint> {
  const page = await rows<UserDoc>(
    collection('users')
      .where(cp.cadreAfter ? { role: 'cadre', _id: _.gt(cp.cadreAfter) } : { role: 'cadre' })
      .orderBy('_id', 'asc')
      .limit(size)
  )
  if (page.length === 0) {
    const provinces = await rows<OrgDoc>(collection('orgs').where({ level: 'province' }).orderBy('_id', 'asc').limit(1000))
    return { ...cp, phase: 'ranks', provinces: provinces.map((p) => p._id) }
  }
  // A retired account (moved or removed) keeps its past periods where they were earned, but is not ranked now:
  // its current-period entries are removed by the ranks phase (not rescored this cycle).
  const cadres = page.filter((c) => c.active !== false)
  if (cadres.length === 0) return { ...cp, cadreAfter: page[page.length - 1]._id }
  const years = [...new Set(cp.periods.map(periodYear))]
  const ids = cadres.map((c) => c._id)
  const [inputs, existing] = await Promise.all([
    readInputs(cadres, years, now),
    rows<CadreScoreDoc>(
      collection('cadreScores')
        .where({ _id: _.in(ids.flatMap((id) => cp.periods.map((p) => cadreScoreId(id, p)))) })
        .field({ ranks: true })
        .limit(1000)
    ),
    orgsById(
      cadres.map((c) => c.orgId),
      orgCache
    )
  ])
  const orgs = [
    ...new Map(
      cadres
        .map((c) => orgCache.get(c.orgId))
        .filter((o): o is OrgDoc => !!o)
        .map((o) => [o._id, o])
    ).values()
  ]
  const rules = new Map<number, Map<string, OrgRules>>()
  for (const y of years) rules.set(y, await rulesByOrg(orgs, y))
  const ranksBy = new Map(existing.map((e) => [e._id, e.ranks]))

  const writes: CadreScoreDoc[] = []
  for (const c of cadres) {
    const org = orgCache.get(c.orgId)
    if (!org) continue
    const scope = Object.fromEntries(rankScopes.map((l) => [l, c.orgPath[levelOfDepth.indexOf(l)] ?? null])) as Record<RankScope, string | null>
    for (const period of cp.periods) {
      const year = periodYear(period)
      const r = rules.get(year)!.get(org._id)!
      const x = inputsFor(inputs, c._id, year, r.daysTarget)
      const figures = cadreFigures(period, now, x)
      const pace = paceOf(x.visitStats, period, now, r.daysTarget, x.pauses)
      const s = computeScore(figures, r)
      const scored = scoredShareOf(s)
      const _id = cadreScoreId(c._id, period)
      writes.push({
        _id,
        cadreId: c._id,
        cadreName: c.name,
        orgId: org._id,
        orgName: org.name,
        orgPath: c.orgPath,
        system: org.system,
        period,
        periodKind: periodKind(period),
        scope,
        figures,
        score: s.score,
        satisfiedShare: satisfiedShare(figures),
        scoredShare: scored,
        satisfactionRule: satisfactionRuleText(r),
        breakdown: s.breakdown,
        sortKey: cadreSortKey(s.score, scored, figures.demands.solved, c._id),
        ranks: ranksBy.get(_id) ?? { county: null, prefecture: null, province: null },
        pace,
        cycle: cp.cycle,
        computedAt: now,
        updatedAt: new Date()
      })
    }
  }
  for (let i = 0; i < writes.length; i += 20) {
    await Promise.all(writes.slice(i, i + 20).map(({ _id, ...doc }) => collection('cadreScores').doc(_id).set({ data: doc })))
  }
  report.cadres += cadres.length
  return { ...cp, cadreAfter: page[page.length - 1]._id, cadres: cp.cadres + cadres.length }
}
