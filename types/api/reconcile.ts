import { z } from '../zod'

/** One statistic that did not match its source records: which document and field, stored vs recomputed. */
export const DriftItem = z.object({
  collection: z.enum(['visitStats', 'visitDays', 'serviceStats', 'households', 'placeMonths']),
  docId: z.string(),
  cadreId: z.string(),
  field: z.string(),
  /** JSON of the values (null = the document or key was missing). */
  stored: z.string(),
  expected: z.string(),
  /** 'repaired', or 'changed' when the document moved while we looked (the next run checks it again). */
  outcome: z.enum(['repaired', 'changed'])
})
export type DriftItem = z.infer<typeof DriftItem>

export const ReconcileReport = z.object({
  runId: z.string(),
  /** A pass checks every cadre once; it may take several runs (each stops well inside the 60 s limit). */
  passId: z.string(),
  years: z.array(z.number().int()),
  startedAt: z.string(),
  ms: z.number(),
  cadresChecked: z.number().int(),
  documentsChecked: z.number().int(),
  driftCount: z.number().int(),
  repaired: z.number().int(),
  changed: z.number().int(),
  /** The first drift items of the caller's system (at most 200 are kept per run). */
  drift: z.array(DriftItem),
  truncated: z.boolean(),
  stoppedEarly: z.boolean(),
  pass: z.object({ done: z.boolean(), cadres: z.number().int(), drift: z.number().int(), startedAt: z.string(), finishedAt: z.string().nullable() })
})
export type ReconcileReport = z.infer<typeof ReconcileReport>

/**
 * The `reconcile` function: its timer trigger recomputes every incremental statistic from
 * the source records at night and repairs any drift; the province admin reads what the last run found.
 */
export const reconcileApi = {
  lastReport: { input: z.object({}), output: z.object({ report: ReconcileReport.nullable() }) }
} as const
