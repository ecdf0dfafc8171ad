import type { FourInto } from '@/types/enums'
import type { Tx } from './tx'
import type { Voice } from '@/types/voices'
import { _ } from './cloud'
import { collection, type OrgDoc, type VisitDoc, type VisitRecordDoc } from './collections'
import { rows } from './query'

/** One visit record's 三问, kept beside the visit: _id is the visit's id. */
export interface VoiceDoc {
  _id: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  pointId: string
  pointName: string
  pointKind: FourInto
  date: string
  month: string
  year: number
  visitedAt: Date
  policy: string | null
  needs: string | null
  advice: string | null
  peopleMet: number
  savedAt: Date
}

/**
 * Inside the record's transaction: the visit's 三问 entry written, replaced, or removed when the record no longer
 * says anything under 问政, 问需 or 问计. One document read and at most one written.
 */
export async function keepVoice(tx: Tx, v: VisitDoc, record: VisitRecordDoc): Promise<void> {
  const ref = tx.collection('voices').doc(v._id)
  const existing = (await ref.get()).data
  const said = Boolean(record.policy || record.needs || record.advice)
  if (!said) {
    if (existing) await ref.remove()
    return
  }
  const doc: Omit<VoiceDoc, '_id'> = {
    cadreId: v.cadreId,
    cadreName: v.cadreName,
    orgId: v.orgId,
    orgPath: v.orgPath,
    pointId: v.pointId,
    pointName: v.pointName,
    pointKind: v.pointKind,
    date: v.date,
    month: v.month,
    year: v.year,
    visitedAt: v.visitedAt,
    policy: record.policy ?? null,
    needs: record.needs ?? null,
    advice: record.advice ?? null,
    peopleMet: record.peopleMet.count,
    savedAt: record.savedAt
  }
  if (existing) await ref.set({ data: doc as unknown as Record<string, unknown> })
  else await tx.collection('voices').add({ data: { _id: v._id, ...doc } as unknown as Record<string, unknown> })
}

/** 三问 entries as shown: each with its unit's name (one read for the units of the page). */
export async function namedVoices(docs: VoiceDoc[]): Promise<Voice[]> {
  const orgIds = [...new Set(docs.map((d) => d.orgId))]
  const orgs = orgIds.length
    ? await rows<OrgDoc>(
        collection('orgs')
          .where({ _id: _.in(orgIds) })
          .field({ name: true })
          .limit(orgIds.length)
      )
    : []
  const names = new Map(orgs.map((o) => [o._id, o.name]))
  return docs.map((d) => ({
    visitId: d._id,
    cadreId: d.cadreId,
    cadreName: d.cadreName,
    orgId: d.orgId,
    orgName: names.get(d.orgId) ?? '',
    pointId: d.pointId,
    pointName: d.pointName,
    pointKind: d.pointKind,
    date: d.date,
    policy: d.policy,
    needs: d.needs,
    advice: d.advice,
    peopleMet: d.peopleMet
  }))
}
