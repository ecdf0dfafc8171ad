import { z } from '../zod'
import { Demand, DemandDetail, DemandPage, demandsInput } from '../demands'

/**
 * The `demands` cloud function: the 办实事 ledger (群众诉求台账) through the three paths to the end. Deadlines
 * belong to the rules: the cadre who owes one never moves it (a later date is an extension a manager decides).
 */
export const demandsApi = {
  /** A cadre records a problem (own ledger, urgency set); a resident reports one through a QR scene (急 only as a hint). */
  create: { input: demandsInput.create, output: Demand },
  /** Residents, WeChat: the cloud path for a voice message the phone uploads itself (counted toward a daily limit). */
  prepareVoice: { input: demandsInput.prepareVoice, output: z.object({ cloudPath: z.string() }) },
  /** Residents, browser: the voice message's bytes, checked and kept; attached by `create`. */
  uploadVoice: { input: demandsInput.uploadVoice, output: z.object({ fileID: z.string(), bytes: z.number().int() }) },
  /** The demand's cadre and their managers: a temporary link to its voice message. */
  voiceUrl: { input: demandsInput.voiceUrl, output: z.object({ url: z.string(), durationMs: z.number().int(), format: z.string(), expiresAt: z.string() }) },
  /** 立即解决 (the cadre): what was done. */
  resolve: { input: demandsInput.resolve, output: DemandDetail },
  /** 协调解决 (the cadre): handed to a named department; a date past the deadline becomes an extension request. */
  coordinate: { input: demandsInput.coordinate, output: DemandDetail },
  progress: { input: demandsInput.progress, output: DemandDetail },
  /** 督办 (a manager of the cadre). */
  supervise: { input: demandsInput.supervise, output: DemandDetail },
  finish: { input: demandsInput.finish, output: DemandDetail },
  /** 上报反映 (the cadre): to their own unit or one above, which 签收 and answers; handled only when answered. */
  report: { input: demandsInput.report, output: DemandDetail },
  /** The person told; the demand gets a scene code so they can rate it. */
  close: { input: demandsInput.close, output: DemandDetail },
  get: { input: demandsInput.get, output: DemandDetail },
  list: { input: demandsInput.list, output: DemandPage },
  listOverdue: { input: demandsInput.listOverdue, output: DemandPage },
  /** 分级: staff set the urgency (a resident's report once by its cadre, before it is overdue; any time by a manager). */
  triage: { input: demandsInput.triage, output: DemandDetail },
  /** The cadre asks for a later deadline, with a reason, within the rules' limit. */
  requestExtension: { input: demandsInput.requestExtension, output: DemandDetail },
  /** A manager of the cadre approves (the deadline moves) or refuses, with a reason. */
  decideExtension: { input: demandsInput.decideExtension, output: DemandDetail },
  /** Managers: extension requests waiting in their subtree, oldest first. */
  listExtensions: { input: demandsInput.listExtensions, output: DemandPage },
  /** 签收 by a manager of the receiving unit. */
  receiveReport: { input: demandsInput.receiveReport, output: DemandDetail },
  /** The receiving unit answers (the demand is handled) or returns it to the cadre. */
  answerReport: { input: demandsInput.answerReport, output: DemandDetail },
  /** Managers: reports sent to their own unit and not yet answered, oldest first. */
  listReports: { input: demandsInput.listReports, output: DemandPage },
  /** Staff set an entry aside as spam or a duplicate, with a reason: never overdue, never counted. */
  invalidate: { input: demandsInput.invalidate, output: DemandDetail },
  /** A manager of the cadre puts an entry set aside back (its deadline stands). */
  reinstate: { input: demandsInput.reinstate, output: DemandDetail },
  /** Managers: entries set aside in their subtree, newest first. */
  listInvalid: { input: demandsInput.listInvalid, output: DemandPage },
  /** 重办: a manager of the cadre reopens an answered demand the resident rated 不满意. */
  reopen: { input: demandsInput.reopen, output: DemandDetail }
} as const

export type DemandsApi = typeof demandsApi
