import { ExportContinueInput, ExportJob, ExportJobList, ExportListInput, ExportStartInput, ExportStatusInput } from '../exports'

/**
 * The `exports` cloud function: .xlsx of the demands ledger, ratings and rankings of a
 * manager's subtree. Managers and the province admin only; a job is its starter's alone.
 */
export const exportsApi = {
  /** Starts (or, for the same job id, answers) an export and works on it until done or out of time. */
  start: { input: ExportStartInput, output: ExportJob },
  /** Picks a job up where the last call stopped. */
  continue: { input: ExportContinueInput, output: ExportJob },
  /** Progress, and the file's link when done. */
  status: { input: ExportStatusInput, output: ExportJob },
  /** The caller's recent exports, newest first. */
  list: { input: ExportListInput, output: ExportJobList }
} as const
