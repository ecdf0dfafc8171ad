/**
 * Phase 2 of a rankings cycle: per province and period, the cadreScores walked in index order (period,
 * scope.province, sortKey, _id), `size` at a time: positions in the province and — counted on the same walk — in
 * each prefecture and county (the counts per scope ride in the checkpoint: one number per organisation). Memory is
 * one page, whatever the province's size; the checkpoint after each page lets the next run go on.
 */
import { _ } from '../_lib/cloud'
import { collection, type UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import type { CadreScoreDoc, RankScope } from '@/types/outcomes'
import type { Checkpoint } from './job'

export async function ranksBatch(cp: Checkpoint, size: number): Promise<Checkpoint> {
  const { p, prov } = cp.rank
  if (p >= cp.periods.length) return { ...cp, phase: 'orgs', org: { level: 0, after: null, current: null } }
  const province = cp.provinces[prov]
  if (province === undefined) return { ...cp, rank: { p: p + 1, prov: 0, after: null, pos: 0, counts: {} } }
  const period = cp.periods[p]
  const after = cp.rank.after
  // sortKey is unique (it ends with the cadre id): the cursor is the last key.
  const where = after ? { period, 'scope.province': province, sortKey: _.gt(after[0]) } : { period, 'scope.province': province }
  const docs = await rows<CadreScoreDoc>(
    collection('cadreScores')
      .where(where)
      .field({ cadreId: true, ranks: true, scope: true, sortKey: true, cycle: true })
      .orderBy('sortKey', 'asc')
      .orderBy('_id', 'asc')
      .limit(size)
  )
  // Not rescored this cycle: the cadre was removed, moved or lost the role — or an overlapping older run wrote the
  // document after this cycle did. Only the cadre's account tells (read just for these, which are rare).
  const stale = docs.filter((d) => (d.cycle ?? '') < cp.cycle)
  const live = new Set(
    stale.length
      ? (
          await rows<UserDoc>(
            collection('users')
              .where({ _id: _.in([...new Set(stale.map((d) => d.cadreId))]) })
              .field({ role: true, active: true })
              .limit(stale.length)
          )
        )
          .filter((u) => u.role === 'cadre' && u.active !== false)
          .map((u) => u._id)
      : []
  )
  let pos = cp.rank.pos
  const counts = { ...cp.rank.counts }
  const updates: (() => unknown)[] = []
  for (const d of docs) {
    if ((d.cycle ?? '') < cp.cycle && !live.has(d.cadreId)) {
      // The current-period entry of an account no longer ranked goes; its past periods stay.
      updates.push(() => collection('cadreScores').doc(d._id).remove())
      continue
    }
    // A live stale one: the same figures, written by the older run a moment later — counted in this cycle.
    const touch = (d.cycle ?? '') < cp.cycle ? { cycle: cp.cycle } : {}
    if ((d.cycle ?? '') > cp.cycle) continue // a newer cycle's run will rank it
    pos += 1
    const ranks: Record<RankScope, number | null> = { province: pos, prefecture: null, county: null }
    for (const level of ['prefecture', 'county'] as const) {
      const id = d.scope[level]
      if (id) ranks[level] = counts[id] = (counts[id] ?? 0) + 1
    }
    if (touch.cycle || d.ranks?.province !== ranks.province || d.ranks?.prefecture !== ranks.prefecture || d.ranks?.county !== ranks.county) {
      updates.push(() =>
        collection('cadreScores')
          .doc(d._id)
          .update({ data: { ranks, ...touch } })
      )
    }
  }
  for (let i = 0; i < updates.length; i += 20) await Promise.all(updates.slice(i, i + 20).map((u) => u()))
  if (docs.length < size) return { ...cp, rank: { p, prov: prov + 1, after: null, pos: 0, counts: {} } }
  const last = docs[docs.length - 1]
  return { ...cp, rank: { p, prov, after: [last.sortKey, last._id], pos, counts } }
}
