import type { FourInto } from '../../types/enums'
import type { Tx } from './tx'
import type { VisitDoc, VisitRecordDoc } from './collections'

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
