/**
 * The reminder sources that walk people (users by _id): a cadre behind the pace (weekly), and the managers'
 * summary of the month just ended. The Source contract is in sources.ts.
 */
import { DAYS_TARGET } from '@/types/rules/check-in'
import { beijing, beijingDate, beijingMonth, beijingYear, expectedByToday } from '@/types/rules/beijing-time'
import { pauseOn, yearPace } from '@/types/rules/pace'
import { approvedPeriods, pausesOf } from '../_lib/outcome-inputs'
import { isoWeek, type KindFacts } from '@/types/reminders'
import { previousMonth } from '@/types/outcomes'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc, type VisitStatsDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { effectiveRules } from '../_lib/org-rules'
import { orgStatsId, type OrgStatsDoc } from '@/types/outcomes'
import type { Due, Source } from './source'
import { byId } from '../_lib/by-id'

async function usersAfter(cursor: string | null, size: number): Promise<UserDoc[]> {
  const q = cursor ? collection('users').where({ _id: _.gt(cursor) }) : collection('users')
  return rows<UserDoc>(q.orderBy('_id', 'asc').limit(size))
}

/** A cadre behind the 90-day pace: weekly at most (the period is the Beijing ISO week). */
export const paceSource: Source = {
  name: 'pace',
  kinds: ['pace'],
  cycle: (now) => isoWeek(now),
  async batch(cursor, size, now) {
    const users = await usersAfter(cursor, size)
    // Retired accounts (moved or removed) keep role 'cadre' but no longer act.
    const cadres = users.filter((u) => u.role === 'cadre' && u.active !== false)
    const year = beijingYear(now)
    // The days target is each organisation's rule for the year: one read per distinct organisation in the batch.
    const targetOf = new Map<string, number>()
    for (const c of cadres) {
      if (!targetOf.has(c.orgId)) targetOf.set(c.orgId, (await effectiveRules(c.orgPath, year)).rules.daysTarget)
    }
    const [stats, periods] = cadres.length
      ? await Promise.all([
          rows<VisitStatsDoc>(
            collection('visitStats')
              .where({ _id: _.in(cadres.map((c) => `${c._id}_${year}`)) })
              .limit(cadres.length)
          ),
          approvedPeriods(
            cadres.map((c) => c._id),
            [year]
          )
        ])
      : [[], []]
    const daysOf = new Map(stats.map((s) => [s.cadreId, s.days]))
    const today = beijingDate(now)
    const due: Due[] = []
    for (const c of cadres) {
      const days = daysOf.get(c._id) ?? 0
      const target = targetOf.get(c.orgId) ?? DAYS_TARGET
      // 请假/培训/抽调 pause the pace: no reminder while one is in force, and the paused days expect nothing.
      const pauses = pausesOf(periods.filter((p) => p.cadreId === c._id))
      if (pauseOn(pauses, today)) continue
      const pace = yearPace(target, year, today, pauses)
      const expected = pace.expected
      if (days >= expected || days >= pace.adjustedTarget) continue
      due.push({
        kind: 'pace',
        openid: c.openid,
        userId: c._id,
        subject: String(year),
        facts: { cadreName: c.name, days, expected, target: pace.adjustedTarget }
      })
    }
    return { due, next: users.length < size ? null : users[users.length - 1]._id, scanned: users.length }
  }
}

/** Managers' summary of last month, sent in the first week of the month. */
export const summarySource: Source = {
  name: 'monthlySummary',
  kinds: ['monthlySummary'],
  cycle: (now) => (beijing(now).date() <= 7 ? previousMonth(beijingMonth(now)) : null),
  async batch(cursor, size, now, month) {
    const users = await usersAfter(cursor, size)
    const managers = users.filter((u) => (u.role === 'manager' || u.role === 'admin') && u.active !== false)
    const due: Due[] = []
    for (const m of managers) {
      const facts = await summarise(m, month, now)
      due.push({ kind: 'monthlySummary', openid: m.openid, userId: m._id, subject: m.orgId, facts })
    }
    return { due, next: users.length < size ? null : users[users.length - 1]._id, scanned: users.length }
  }
}

/**
 * The org's own orgStats document for the month (the rankings job rolls every cadre's figures up the
 * tree, recomputing the month just ended through the 7th): one read, whatever the subtree's size. Until the job
 * has written it, the subtree's statistics documents (one per cadre-year) are read in pages of 1000.
 */
async function summarise(m: UserDoc, month: string, _now: Date): Promise<KindFacts['monthlySummary']> {
  const year = Number(month.slice(0, 4))
  const [org, own] = await Promise.all([byId<OrgDoc>('orgs', m.orgId), byId<OrgStatsDoc>('orgStats', orgStatsId(m.orgId, month))])
  if (own && own.figures.days.behind !== undefined) {
    return { orgName: org?.name ?? own.orgName, month, cadres: own.figures.cadres, behind: own.figures.days.behind, visits: own.figures.visits.total }
  }
  // Behind as of the month's last day: the pace expected then.
  const monthEnd = beijing(`${month}-01T12:00:00+08:00`).endOf('month').toDate()
  const expected = expectedByToday(DAYS_TARGET, monthEnd)
  let cadres = 0
  let behind = 0
  let visits = 0
  let last: string | null = null
  for (;;) {
    const where: Record<string, unknown> = { orgPath: m.orgId, year }
    if (last) where._id = _.gt(last)
    const page = await rows<VisitStatsDoc>(collection('visitStats').where(where).orderBy('_id', 'asc').limit(1000))
    for (const s of page) {
      cadres += 1
      visits += s.visitsByMonth[month] ?? 0
      let days = 0
      for (const [k, v] of Object.entries(s.daysByMonth)) if (k <= month) days += v
      if (days < expected) behind += 1
    }
    if (page.length < 1000) break
    last = page[page.length - 1]._id
  }
  return { orgName: org?.name ?? '本单位', month, cadres, behind, visits }
}
