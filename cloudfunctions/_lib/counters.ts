/**
 * A cadre's serviceStats counters moved OUTSIDE any transaction, exactly once.
 *
 * A burst of ratings for one cadre (a 座谈会 with its code on the wall) must not meet on the cadre's month
 * document inside multi-document transactions: they would conflict and fail. So the rating is written on its
 * own (its unique _id is the commit point), and the counters move afterwards by one atomic single-document
 * update per period document, `_.inc`, guarded by a marker:
 *
 *   where { _id: <month or year doc>, applied.<key>: absent, markersFrom: absent or ≤ the event's time }
 *   update { counts.<k>: _.inc(v) …, applied.<key>: <the event's time> }
 *
 * The marker makes the update idempotent: running it again (a retry, the nightly reconciliation finishing what a
 * crashed call left) changes nothing once it has landed. `markersFrom` is how far the reconciliation has
 * settled and pruned the markers: every event before it is known applied (cloudfunctions/reconcile).
 * Keys are a letter for the kind of event and a hash of the rating id (field names: letters and digits, ≤ 32).
 */
import { _ } from './cloud'
import { addIfAbsent } from './create-once'
import { collection } from './collections'
import { rows } from './query'
import { statsDocId, type ServiceStatsDoc } from './service'
import { isApplied, nestCounts, statPeriods, type StatDelta } from './stat-rules'
export { isApplied, markerKey, type MarkerKind } from './stat-rules'

export interface CounterOwner {
  cadreId: string
  orgId: string
  orgPath: string[]
}

/**
 * Adds `delta` to the cadre's month and year counters of `period` once for the event `key` (at `eventAt`). One
 * DB operation when both documents exist; creating a missing one (the first event of a month or year) costs a
 * read and an add. Safe to repeat and to run concurrently with the same key.
 */
export async function applyOnce(
  owner: CounterOwner,
  period: { month: string; year: number },
  delta: StatDelta,
  key: string,
  eventAt: Date,
  now: Date
): Promise<void> {
  const ids = statPeriods(period).map((p) => statsDocId(owner.cadreId, p))
  const data: Record<string, unknown> = { [`applied.${key}`]: eventAt, updatedAt: now }
  for (const [k, v] of Object.entries(delta)) if (v !== 0) data[`counts.${k}`] = _.inc(v)
  const guarded = (targets: string[]) =>
    _.and([
      { _id: targets.length === 1 ? targets[0] : _.in(targets) },
      { [`applied.${key}`]: _.exists(false) },
      _.or([{ markersFrom: _.exists(false) }, { markersFrom: _.lte(eventAt) }])
    ])
  const res = (await collection('serviceStats').where(guarded(ids)).update({ data })) as { stats?: { updated?: number } }
  if ((res.stats?.updated ?? 0) === ids.length) return

  // Fewer updated than asked: a document was missing, or already carries the marker. Look again: one missing then
  // may have been created since by a concurrent event (so the update above passed it by) — apply to it now.
  const found = await rows<ServiceStatsDoc>(
    collection('serviceStats')
      .where({ _id: _.in(ids) })
      .limit(ids.length)
  )
  const have = new Map(found.map((d) => [d._id, d]))
  for (const [i, id] of ids.entries()) {
    const doc = have.get(id)
    if (doc) {
      if (!isApplied(doc, key, eventAt))
        await collection('serviceStats')
          .where(guarded([id]))
          .update({ data })
      continue
    }
    const counts: Record<string, number> = {}
    for (const [k, v] of Object.entries(delta)) if (v !== 0) counts[k] = v
    const created = {
      cadreId: owner.cadreId,
      orgId: owner.orgId,
      orgPath: owner.orgPath,
      period: statPeriods(period)[i],
      counts: nestCounts(counts),
      applied: { [key]: eventAt },
      updatedAt: now
    }
    // Created by a concurrent event in between: apply ours to it, guarded as before.
    if (!(await addIfAbsent('serviceStats', { _id: id, ...created }))) {
      await collection('serviceStats')
        .where(guarded([id]))
        .update({ data })
    }
  }
}
