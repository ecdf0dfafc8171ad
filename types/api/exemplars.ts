import { z } from '../zod'
import { Exemplar, ExemplarCandidatePage, ExemplarCandidatesInput, ExemplarFeedInput, ExemplarMarkInput, ExemplarPage, ExemplarUnmarkInput } from '../exemplars'

/** The `exemplars` cloud function: 典型引路. */
export const exemplarsApi = {
  /** A manager of the record's unit marks it (again: the title and write-up are replaced). */
  mark: { input: ExemplarMarkInput, output: Exemplar },
  /** A manager of the case's unit takes it off the list. */
  unmark: { input: ExemplarUnmarkInput, output: z.object({ removed: z.boolean() }) },
  /** Everyone of the caller's system, newest first. */
  feed: { input: ExemplarFeedInput, output: ExemplarPage },
  /** Managers: recent records of their subtree to pick from. */
  candidates: { input: ExemplarCandidatesInput, output: ExemplarCandidatePage }
} as const
