import type { z } from '@/types/zod'
import type { Pack, PackInput, PackRow } from '@/types/packs'
import { packPeriodLabel } from '@/types/packs'
import { cadreScoreId, orgStatsId, periodRange, periodYear, satisfiedShare, type CadreScoreDoc, type OrgStatsDoc } from '@/types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff, resolveCadre } from '../../_lib/auth'
import { effectiveRules } from '../../_lib/org-rules'
import { rows } from '../../_lib/query'
import { namedVoices, type VoiceDoc } from '../../_lib/voices'
import type { SurveyDoc } from '../../_lib/surveys'
import { statusAt } from '../../_lib/surveys'
import { iso } from '../../_lib/iso'
import { byId } from '../../_lib/by-id'

const DIGEST = 20

/**
 * A cadre's or a unit's pack for a month or a year. The figures are the rankings job's own documents for the
 * period — cadreScores for a cadre, orgStats for a unit and its children, as the dashboard reads them — never
 * recomputed here; the 三问 digest and the surveys are the period's newest, each one indexed read.
 */
export async function get(input: z.output<typeof PackInput>, ctx: RequestContext): Promise<Pack> {
  const user = await requireStaff(ctx)
  const period = input.period
  const byMonth = period.length === 7
  const { start, end } = periodRange(period)
  const published = _.and(_.gte(start), _.lt(end))
  const when = byMonth ? { month: period } : { year: periodYear(period) }

  if (input.orgId) {
    const org = await byId<OrgDoc>('orgs', input.orgId)
    if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
    requireManagerOf(user, org.path, '您只能查看自己管理范围内单位的汇总')
    const [own, units, cadres, rules, voices, surveys] = await Promise.all([
      byId<OrgStatsDoc>('orgStats', orgStatsId(org._id, period)),
      rows<OrgStatsDoc>(collection('orgStats').where({ parentId: org._id, period }).orderBy('sortKey', 'asc').limit(100)),
      rows<CadreScoreDoc>(collection('cadreScores').where({ orgId: org._id, period }).limit(100)),
      effectiveRules(org.path, periodYear(period)),
      rows<VoiceDoc>(
        collection('voices')
          .where({ orgPath: org._id, ...when })
          .orderBy('visitedAt', 'desc')
          .limit(DIGEST + 1)
      ),
      rows<SurveyDoc>(collection('surveys').where({ orgPath: org._id, publishedAt: published }).orderBy('publishedAt', 'desc').limit(50))
    ])
    const rowsOut: PackRow[] = [
      ...units.map((u) => ({
        kind: 'unit' as const,
        id: u.orgId,
        name: u.orgName,
        level: u.level,
        figures: u.figures,
        satisfiedShare: satisfiedShare(u.figures)
      })),
      ...cadres
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
        .map((c) => ({ kind: 'cadre' as const, id: c.cadreId, name: c.cadreName, level: null, figures: c.figures, satisfiedShare: satisfiedShare(c.figures) }))
    ]
    return {
      scope: 'unit',
      period,
      periodLabel: packPeriodLabel(period),
      subject: { id: org._id, name: org.name, orgName: org.pathNames.join(' / '), level: org.level },
      figures: own?.figures ?? null,
      satisfiedShare: own ? satisfiedShare(own.figures) : null,
      computedAt: iso(own?.updatedAt),
      daysTarget: rules.rules.daysTarget,
      fourHundredTargets: rules.rules.fourHundredTargets,
      rows: rowsOut,
      voices: await digest(voices),
      surveys: surveys.map((s) => surveyRow(s, ctx.now))
    }
  }

  const cadre = await resolveCadre(user, input.cadreId)
  const [score, org, rules, voices, surveys] = await Promise.all([
    byId<CadreScoreDoc>('cadreScores', cadreScoreId(cadre._id, period)),
    byId<OrgDoc>('orgs', cadre.orgId),
    effectiveRules(cadre.orgPath, periodYear(period)),
    rows<VoiceDoc>(
      collection('voices')
        .where({ cadreId: cadre._id, ...when })
        .orderBy('visitedAt', 'desc')
        .limit(DIGEST + 1)
    ),
    rows<SurveyDoc>(collection('surveys').where({ ownerId: cadre._id, publishedAt: published }).orderBy('publishedAt', 'desc').limit(50))
  ])
  return {
    scope: 'cadre',
    period,
    periodLabel: packPeriodLabel(period),
    subject: { id: cadre._id, name: cadre.name, orgName: org?.name ?? '', level: null },
    figures: score?.figures ?? null,
    satisfiedShare: score ? satisfiedShare(score.figures) : null,
    computedAt: iso(score?.computedAt),
    daysTarget: rules.rules.daysTarget,
    fourHundredTargets: rules.rules.fourHundredTargets,
    rows: [],
    voices: await digest(voices),
    surveys: surveys.map((s) => surveyRow(s, ctx.now))
  }
}

async function digest(docs: VoiceDoc[]): Promise<Pack['voices']> {
  const page = docs.slice(0, DIGEST)
  return {
    items: await namedVoices(page),
    more: docs.length > DIGEST
  }
}

function surveyRow(s: SurveyDoc, now: Date): Pack['surveys'][number] {
  return {
    id: s._id,
    title: s.title,
    purpose: s.purpose,
    status: statusAt(s, now),
    ownerName: s.ownerName,
    answers: s.tally?.total ?? 0,
    publishedAt: iso(s.publishedAt)!
  }
}
