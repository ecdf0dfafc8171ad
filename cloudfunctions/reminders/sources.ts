import { DAYS_TARGET } from '../../types/rules/check-in'
import { beijing, beijingYear, expectedByToday } from '../../types/rules/beijing-time'
import { isoWeek, previousMonth, type KindFacts, type ReminderKind } from '../../types/reminders'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc, type VisitStatsDoc } from '../_lib/collections'
import { rows } from '../_lib/query'

/** One reminder a source found due. */
export interface Due<K extends ReminderKind = ReminderKind> {
  kind: K
  openid: string
  userId: string | null
  /** What it is about (a year, a demand id, a month …): with kind, user and period, the unique key. */
  subject: string
  facts: KindFacts[K]
}

/**
 * Where due reminders come from. Each source is scanned in resumable batches once per cycle (its period: a week
 * for the pace, a month for summaries); the sender keeps its cursor in reminderRuns/<name>.
 *
 * To add a kind (the ledger's demandDue/demandOverdue, the ratings' badReviewFollowUp/rateInvite): write a
 * Source whose batch() reads its collection by an indexed cursor (e.g. demands by `active, deadlineAt, _id`),
 * add it to `sources` below, and set `available: true` on the kind in types/reminders.ts.
 */
export interface Source {
  name: string
  kinds: ReminderKind[]
  /** The current cycle, or null when nothing is due now (e.g. summaries only in the first week of a month). */
  cycle(now: Date): string | null
  /** Up to `size` items of the scan after `cursor`; `next` null when the cycle's scan is complete. */
  batch(cursor: string | null, size: number, now: Date, cycle: string): Promise<{ due: Due[]; next: string | null; scanned: number }>
}

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
    const cadres = users.filter((u) => u.role === 'cadre')
    const year = beijingYear(now)
    const expected = expectedByToday(DAYS_TARGET, now)
    const stats = cadres.length
      ? await rows<VisitStatsDoc>(collection('visitStats').where({ _id: _.in(cadres.map((c) => `${c._id}_${year}`)) }).limit(cadres.length))
      : []
    const daysOf = new Map(stats.map((s) => [s.cadreId, s.days]))
    const due: Due[] = []
    for (const c of cadres) {
      const days = daysOf.get(c._id) ?? 0
      if (days >= expected || days >= DAYS_TARGET) continue
      due.push({ kind: 'pace', openid: c.openid, userId: c._id, subject: String(year), facts: { cadreName: c.name, days, expected, target: DAYS_TARGET } })
    }
    return { due, next: users.length < size ? null : users[users.length - 1]._id, scanned: users.length }
  }
}

/** Managers' summary of last month, sent in the first week of the month. */
export const summarySource: Source = {
  name: 'monthlySummary',
  kinds: ['monthlySummary'],
  cycle: (now) => (beijing(now).date() <= 7 ? previousMonth(now) : null),
  async batch(cursor, size, now, month) {
    const users = await usersAfter(cursor, size)
    const managers = users.filter((u) => u.role === 'manager' || u.role === 'admin')
    const due: Due[] = []
    for (const m of managers) {
      const facts = await summarise(m, month, now)
      due.push({ kind: 'monthlySummary', openid: m.openid, userId: m._id, subject: m.orgId, facts })
    }
    return { due, next: users.length < size ? null : users[users.length - 1]._id, scanned: users.length }
  }
}

/** Reads the subtree's statistics documents (one per cadre-year) in pages of 1000. */
async function summarise(m: UserDoc, month: string, _now: Date): Promise<KindFacts['monthlySummary']> {
  const year = Number(month.slice(0, 4))
  const [org] = await rows<OrgDoc>(collection('orgs').where({ _id: m.orgId }).limit(1))
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

/** Every source the sender works through, in order. The ledger and ratings issues add theirs here. */
export const sources: Source[] = [paceSource, summarySource]
