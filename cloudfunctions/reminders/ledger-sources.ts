import { beijingDate } from '@/types/rules/beijing-time'
import { addWorkingDays, endOfBeijingDay } from '@/types/rules/working-days'
import { kinds, type KindFacts } from '@/types/reminders'
import { holidayCalendarAt } from '../_lib/holidays'
import { demandRound, type DemandDoc } from '../_lib/service'
import {
  advanced,
  consentedResidents,
  decodeMark,
  encodeMark,
  managersOf,
  markOf,
  MAX_RATING_WINDOW_DAYS,
  SETTLE_MS,
  slotOf,
  usersById,
  walk,
  type Due,
  type Source
} from './source'

/**
 * What a demand's reminder is about: the demand, and after a 重办 its round. A reopened demand is new work with
 * its own deadline and answer, so it is reminded again (the unique key says each subject once).
 */
export const roundSubject = (d: Pick<DemandDoc, '_id' | 'rounds'>) => (demandRound(d) ? `${d._id}#${demandRound(d)}` : d._id)

const demandFacts = (d: DemandDoc, overdue: boolean, forManager = false): KindFacts['demandDue'] => ({
  demandId: d._id,
  title: d.text,
  deadline: new Date(d.deadlineAt).toISOString(),
  overdue,
  cadreName: d.cadreName,
  ...(forManager ? { forManager: true } : {})
})

/**
 * A demand still open whose deadline falls before the end of the next working day: its cadre, once. Deadlines
 * can be set for today (urgent ones, or a coordinated date) after an earlier scan, so the window (now, end of
 * the next working day] is read again in every timer slot (index active_deadline; it holds only a day or two of
 * deadlines), and what was already claimed is skipped by one read of keys, not a transaction.
 */
export const demandDueSource: Source = {
  name: 'demandDue',
  kinds: ['demandDue'],
  cycle: slotOf,
  async batch(cursor, size, now) {
    const horizon = endOfBeijingDay(addWorkingDays(beijingDate(now), 1, await holidayCalendarAt(now)))
    const docs = await walk<DemandDoc>('demands', { active: true }, 'deadlineAt', decodeMark(cursor), now, horizon, size)
    const cadres = await usersById(docs.map((d) => d.cadreId))
    const due: Due[] = []
    for (const d of docs) {
      const c = cadres.get(d.cadreId)
      if (!c) continue
      due.push({ kind: 'demandDue', openid: c.openid, userId: c._id, subject: roundSubject(d), period: 'once', facts: demandFacts(d, false) })
    }
    const last = docs[docs.length - 1]
    return { due, next: docs.length < size || !last ? null : encodeMark(markOf(last, 'deadlineAt')), scanned: docs.length }
  }
}

/**
 * A demand still open past its deadline: its cadre and the managers of the cadre's organisation, once per demand
 * (and 重办 round) per person. A watermark over (deadlineAt, _id) of open demands (index active_deadline): every deadline is set
 * at the end of a Beijing day not before the day it is set, so none can appear behind the watermark.
 */
export const demandOverdueSource: Source = {
  name: 'demandOverdue',
  kinds: ['demandOverdue'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<DemandDoc>('demands', { active: true }, 'deadlineAt', decodeMark(cursor), null, now, size)
    const due = await overdueReminders(docs)
    return advanced(docs, 'deadlineAt', cursor, size, due)
  }
}

/** demandOverdue for each demand: its cadre and the managers of the cadre's organisation. */
async function overdueReminders(docs: DemandDoc[]): Promise<Due[]> {
  const [cadres, managers] = await Promise.all([usersById(docs.map((d) => d.cadreId)), managersOf(docs.map((d) => d.orgId))])
  const due: Due[] = []
  for (const d of docs) {
    const c = cadres.get(d.cadreId)
    if (c) due.push({ kind: 'demandOverdue', openid: c.openid, userId: c._id, subject: roundSubject(d), period: 'once', facts: demandFacts(d, true) })
    for (const m of managers.get(d.orgId) ?? []) {
      due.push({ kind: 'demandOverdue', openid: m.openid, userId: m._id, subject: roundSubject(d), period: 'once', facts: demandFacts(d, true, true) })
    }
  }
  return due
}

/**
 * A demand a manager puts back from 无效 keeps its deadline, which may have passed meanwhile: behind the overdue
 * watermark, which never looks back. A watermark over demands by the time they were put back (index
 * active_reactivated): one already overdue is reminded now, to the same people under the same key (so said once,
 * whether before it was set aside or now); one not yet overdue lies ahead of the overdue watermark and is met there.
 */
export const demandReactivatedSource: Source = {
  name: 'demandReactivated',
  kinds: ['demandOverdue'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<DemandDoc>('demands', { active: true }, 'reactivatedAt', decodeMark(cursor), null, new Date(now.getTime() - SETTLE_MS), size)
    const due = await overdueReminders(docs.filter((d) => new Date(d.deadlineAt).getTime() < now.getTime()))
    return advanced(docs, 'reactivatedAt', cursor, size, due)
  }
}

/**
 * A resident's reported problem answered (答复群众, status closed): the resident, once, and only if they
 * consented. Residents have no user document: their consent is the `subscriptions` document keyed by their
 * openid and the rateInvite template (reminders.consent after a tap on the resident page). A watermark over
 * resident-reported demands by the time they were answered (index source_closed), at most 30 days back (the
 * longest rating window an organisation may set) — the first run does not dig up old history. Residents who never consented get
 * nothing recorded at all: they see the answer when they scan the code again.
 */
export const demandDoneSource: Source = {
  name: 'demandDone',
  kinds: ['demandDone'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const windowStart = new Date(now.getTime() - MAX_RATING_WINDOW_DAYS * 24 * 3600 * 1000)
    const docs = await walk<DemandDoc>(
      'demands',
      { source: 'resident' },
      'closedAt',
      decodeMark(cursor),
      windowStart,
      new Date(now.getTime() - SETTLE_MS),
      size
    )
    const answered = docs.filter((d) => d.status === 'closed' && d.residentOpenid && d.viaScene && !d.rating)
    const consented = await consentedResidents(
      answered.map((d) => d.residentOpenid!),
      kinds.demandDone.template
    )
    const due: Due[] = []
    for (const d of answered) {
      if (!consented.has(d.residentOpenid!)) continue
      due.push({
        kind: 'demandDone',
        openid: d.residentOpenid!,
        userId: null,
        subject: roundSubject(d),
        period: 'once',
        facts: { demandId: d._id, scene: d.viaScene!, text: d.text, cadreName: d.cadreName, at: new Date(d.closedAt!).toISOString() }
      })
    }
    return advanced(docs, 'closedAt', cursor, size, due)
  }
}
