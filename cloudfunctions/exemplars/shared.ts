import type { Exemplar, ExemplarKind } from '@/types/exemplars'
import type { System } from '@/types/enums'

/** A case as stored: only what anyone of the system may read (no resident's name or phone, no source text). */
export interface ExemplarDoc {
  /** exemplarId(kind, sourceId) */
  _id: string
  kind: ExemplarKind
  sourceId: string
  system: System
  /** The source's unit path: the feed reads orgPath = the system's root, managers act on their subtree. */
  orgId: string
  orgPath: string[]
  orgName: string
  cadreId: string
  cadreName: string
  date: string
  detail: string | null
  title: string
  summary: string
  markedBy: string
  markedByName: string
  markedAt: Date
  updatedAt: Date
}

export const exemplarId = (kind: ExemplarKind, sourceId: string) => `ex_${kind}_${sourceId}`

export function toExemplar(d: ExemplarDoc, canRemove: boolean): Exemplar {
  return {
    id: d._id,
    kind: d.kind,
    sourceId: d.sourceId,
    title: d.title,
    summary: d.summary,
    cadreName: d.cadreName,
    orgName: d.orgName,
    date: d.date,
    detail: d.detail,
    markedByName: d.markedByName,
    markedAt: new Date(d.markedAt).toISOString(),
    canRemove
  }
}
