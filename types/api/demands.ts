import { Demand, DemandDetail, DemandPage, demandsInput } from '../service'

/** The `demands` cloud function: the 办实事 ledger (群众诉求台账) through the three paths to the end. */
export const demandsApi = {
  /** A cadre records a problem (own ledger); a resident reports one through a QR scene, no sign-up. */
  create: { input: demandsInput.create, output: Demand },
  /** 立即解决 (the cadre): what was done. */
  resolve: { input: demandsInput.resolve, output: DemandDetail },
  /** 协调解决 (the cadre): handed to a named department with a deadline. */
  coordinate: { input: demandsInput.coordinate, output: DemandDetail },
  progress: { input: demandsInput.progress, output: DemandDetail },
  /** 督办 (a manager of the cadre). */
  supervise: { input: demandsInput.supervise, output: DemandDetail },
  finish: { input: demandsInput.finish, output: DemandDetail },
  /** 上报反映 (the cadre): to the higher organisation, with the reason and the explanation given. */
  report: { input: demandsInput.report, output: DemandDetail },
  /** The person told; the demand gets a scene code so they can rate it. */
  close: { input: demandsInput.close, output: DemandDetail },
  get: { input: demandsInput.get, output: DemandDetail },
  list: { input: demandsInput.list, output: DemandPage },
  listOverdue: { input: demandsInput.listOverdue, output: DemandPage }
} as const

export type DemandsApi = typeof demandsApi
