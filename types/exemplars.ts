/**
 * 典型引路: a manager marks a visit, a 民情日记 entry or a solved demand of their subtree as an
 * exemplary case with a title and a short write-up; everyone in that system (工会, 共青团 or 妇联 — cadres and
 * managers of the whole province tree) reads the feed, newest first. A case carries only what may be shown to
 * anyone: the cadre, their unit, the kind, dates and the manager's own words — never a resident's name or phone,
 * never the source record's text.
 */
import { z } from './zod'
import { Cursor } from './visits'
import { exemplarKinds, ids } from './labels'

export { exemplarKinds }
export const ExemplarKind = z.enum(ids(exemplarKinds), { error: '请选择典型的类别' })
export type ExemplarKind = z.infer<typeof ExemplarKind>

export const EXEMPLAR_TITLE_MAX = 40
export const EXEMPLAR_SUMMARY_MAX = 500

const sourceId = z.string({ error: '缺少要设为典型的记录' }).min(1, { error: '缺少要设为典型的记录' }).max(200, { error: '记录编号不对' })

export const ExemplarMarkInput = z.object({
  kind: ExemplarKind,
  sourceId,
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(2, { error: '标题至少 2 个字' })
    .max(EXEMPLAR_TITLE_MAX, { error: `标题最多 ${EXEMPLAR_TITLE_MAX} 个字` }),
  summary: z
    .string({ error: '请写几句简介' })
    .trim()
    .min(10, { error: '简介至少写 10 个字' })
    .max(EXEMPLAR_SUMMARY_MAX, { error: `简介最多 ${EXEMPLAR_SUMMARY_MAX} 个字` })
})
export const ExemplarUnmarkInput = z.object({ exemplarId: z.string({ error: '缺少典型编号' }).min(1).max(260) })
export const ExemplarFeedInput = z.object({ cursor: Cursor, limit: z.number().int().min(1).max(30).default(10) })
export const ExemplarCandidatesInput = z.object({ kind: ExemplarKind, cursor: Cursor, limit: z.number().int().min(1).max(30).default(10) })

export const Exemplar = z.object({
  id: z.string(),
  kind: ExemplarKind,
  sourceId: z.string(),
  title: z.string(),
  summary: z.string(),
  cadreName: z.string(),
  orgName: z.string(),
  /** Beijing date of the visit, entry or demand. */
  date: z.string(),
  /** For a demand: its area label and how it was solved. */
  detail: z.string().nullable(),
  markedByName: z.string(),
  markedAt: z.string(),
  /** The caller manages this case's unit and may take it off the list. */
  canRemove: z.boolean()
})
export type Exemplar = z.infer<typeof Exemplar>
export const ExemplarPage = z.object({ items: z.array(Exemplar), nextCursor: z.string().nullable() })

/** A recent record of the manager's subtree that may be marked (the picker on the manager's page). */
export const ExemplarCandidate = z.object({
  kind: ExemplarKind,
  sourceId: z.string(),
  cadreName: z.string(),
  date: z.string(),
  /** A short line to recognise it by (the manager sees their own subtree's records). */
  label: z.string(),
  marked: z.boolean()
})
export type ExemplarCandidate = z.infer<typeof ExemplarCandidate>
export const ExemplarCandidatePage = z.object({ items: z.array(ExemplarCandidate), nextCursor: z.string().nullable() })
