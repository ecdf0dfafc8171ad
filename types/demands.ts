/**
 * 办实事 ledger: the shapes of demands (群众诉求) the pages and the demands function share. Instants travel as ISO
 * strings; a resident's name and phone reach only the staff who owe the demand.
 */
import { z } from './zod'
import { idOf, optionalText, requiredText } from './text-fields'
import { DemandArea, RatingLevel } from './enums'
import { Cursor, DemandStatus, SubmissionId } from './visits'
import { Phone } from './points'
import { demandStatusLabels, extensionStatusLabels, ids, invalidKindLabels, reportStateLabels, timelineLabels, urgencies } from './labels'
import { VOICE_FORMATS, VOICE_MAX_BYTES, VOICE_MAX_SECONDS } from './rules/voice-note'
import { SceneCode } from './service'

export { urgencies }
export const Urgency = z.enum(ids(urgencies), { error: '请选择紧急程度' })

const page = { cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }

export { DemandStatus }
export { demandStatusLabels }
export const DemandPath = z.enum(['immediate', 'coordinate', 'report'])
export type DemandPath = z.infer<typeof DemandPath>

export const TimelineKind = z.enum(ids(timelineLabels))
export { timelineLabels }

export const TimelineStep = z.object({
  kind: TimelineKind,
  at: z.string(),
  byName: z.string(),
  byRole: z.enum(['cadre', 'manager', 'admin', 'resident']),
  note: z.string().optional()
})
export type TimelineStep = z.infer<typeof TimelineStep>

export const InvalidKind = z.enum(ids(invalidKindLabels), { error: '请选择无效的原因：无效信息或重复反映' })
export { invalidKindLabels }
export const ExtensionStatus = z.enum(ids(extensionStatusLabels))
export { extensionStatusLabels }
export const ReportState = z.enum(ids(reportStateLabels))
export { reportStateLabels }

export const Extension = z.object({
  /** The Beijing date asked for. */
  until: z.string(),
  reason: z.string(),
  status: ExtensionStatus,
  requestedAt: z.string(),
  requestedByName: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable()
})
export type Extension = z.infer<typeof Extension>

export const DemandReport = z.object({
  toOrgId: z.string(),
  toOrgName: z.string(),
  reason: z.string(),
  explanation: z.string(),
  at: z.string(),
  state: ReportState,
  /** The receiving unit's answer is due then (working days by the rules); its own queue shows it. */
  answerDueAt: z.string(),
  receivedAt: z.string().nullable(),
  receivedByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answer: z.string().nullable()
})
export type DemandReport = z.infer<typeof DemandReport>

export const Demand = z.object({
  id: z.string(),
  source: z.enum(['visit', 'resident', 'cadre']),
  visitId: z.string().nullable(),
  cadreId: z.string(),
  cadreName: z.string(),
  orgId: z.string(),
  area: DemandArea,
  /** Set by staff; a resident's report is 一般 until triaged. */
  urgency: Urgency,
  /** The resident said it is urgent (急): a hint for triage, never a deadline. */
  urgentHint: z.boolean(),
  /** Staff have settled the urgency (a cadre's own entry: when recorded). */
  triaged: z.boolean(),
  text: z.string(),
  /** In clear for the cadre and their managers, masked for anyone else. */
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), phoneMasked: z.boolean() }).nullable(),
  status: DemandStatus,
  path: DemandPath.nullable(),
  /** The path the cadre planned when raising it on a visit. */
  plannedPath: DemandPath.nullable(),
  department: z.string().nullable(),
  /** The deadline lateness is measured against: the rules' first deadline, moved only by approved extensions. */
  deadlineAt: z.string(),
  /** The rules' deadline for this round, before any extension. */
  firstDeadlineAt: z.string(),
  /** The date agreed with the department when coordinating (within the deadline). */
  departmentDueAt: z.string().nullable(),
  /** Past its deadline and not handled, or handled after it. Never for an invalid entry. */
  overdue: z.boolean(),
  /** A request to extend, waiting for a manager. */
  pendingExtension: z.object({ until: z.string(), reason: z.string(), requestedByName: z.string(), requestedAt: z.string() }).nullable(),
  finishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reply: z.string().nullable(),
  supervised: z.number().int(),
  createdAt: z.string(),
  sceneCode: z.string().nullable(),
  rating: z.object({ level: RatingLevel }).nullable(),
  /** The resident's voice message (语音留言): how long it is; those who may see the demand get a link with `voiceUrl`. */
  voice: z.object({ durationMs: z.number().int() }).nullable(),
  report: DemandReport.nullable(),
  invalid: z.object({ kind: InvalidKind, duplicateOf: z.string().nullable(), reason: z.string(), at: z.string(), byName: z.string() }).nullable(),
  /** 1, or more after 重办. */
  round: z.number().int()
})
export type Demand = z.infer<typeof Demand>
/** What the viewer may do next (types/rules/ledger.ts nextSteps): the page offers exactly these. */
export const LedgerStep = z.enum([
  'triage',
  'resolve',
  'coordinate',
  'progress',
  'finish',
  'requestExtension',
  'report',
  'invalidate',
  'close',
  'supervise',
  'decideExtension',
  'receiveReport',
  'answerReport',
  'reinstate',
  'reopen'
])
export type LedgerStep = z.infer<typeof LedgerStep>

export const DemandDetail = Demand.extend({
  timeline: z.array(TimelineStep),
  nextSteps: z.array(LedgerStep),
  extensions: z.array(Extension),
  /** For the cadre while they handle it: the units they may report to (their own and those above). */
  reportTargets: z.array(z.object({ orgId: z.string(), name: z.string() })),
  /** For the cadre while they handle it: the latest date a 协调 deadline may have before it needs a manager's approval, and the latest one they may ask for. */
  deadlineBounds: z.object({ due: z.string(), maxExtension: z.string() }).nullable()
})
export type DemandDetail = z.infer<typeof DemandDetail>
export const DemandPage = z.object({ items: z.array(Demand), nextCursor: z.string().nullable() })

export const DemandFields = z.object({
  area: DemandArea,
  /** Staff only: a resident's report is triaged by staff (a resident's 'urgent' is read as the 急 hint). */
  urgency: Urgency.optional(),
  /** A resident's 急. */
  urgentHint: z.boolean({ error: '「急」应为是或否' }).optional(),
  text: requiredText(500, '问题描述'),
  contactName: optionalText(20, '联系人称呼'),
  contactPhone: Phone.optional()
})

export const DemandFilter = z.enum(['all', 'active', 'overdue', 'open', 'coordinating', 'solved', 'reported', 'answered', 'closed', 'invalid']).default('all')
export type DemandFilter = z.infer<typeof DemandFilter>

const BeijingDateInput = (what: string) => z.string({ error: `请填写${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what}应为 YYYY-MM-DD` })

/** A voice message a resident recorded and put in their own folder of storage (prepareVoice / uploadVoice). */
export const VoiceAttachment = z.object({
  fileID: z.string({ error: '缺少语音文件' }).min(1, { error: '缺少语音文件' }).max(300, { error: '语音文件编号不对' }),
  /** What the recorder said; an mp3's own length is measured on the server. */
  durationMs: z
    .number({ error: '缺少语音长度' })
    .int({ error: '语音长度应为整数毫秒' })
    .min(0)
    .max(VOICE_MAX_SECONDS * 1000 + 5000, { error: `语音最长 ${VOICE_MAX_SECONDS} 秒` })
})
export const VoiceFormatInput = z.enum(VOICE_FORMATS, { error: '语音格式不对' })

export const demandsInput = {
  /**
   * `submissionId`: the phone's id for this report (a retry or an offline resend lands once). A resident's report
   * may carry a voice message, and then needs no words (the text is optional only with a voice).
   */
  create: DemandFields.extend({
    submissionId: SubmissionId,
    scene: SceneCode.optional(),
    text: z.string({ error: '问题描述应为文字' }).trim().max(500, { error: '问题描述最多 500 个字' }).default(''),
    voice: VoiceAttachment.optional()
  }),
  /** WeChat: where the resident's phone puts the recording (Taro.cloud.uploadFile), inside their own folder. */
  prepareVoice: z.object({ scene: SceneCode, format: VoiceFormatInput }),
  /** A browser (the emulator has no client-side upload): the recording as base64, kept by the function. */
  uploadVoice: z.object({
    scene: SceneCode,
    format: VoiceFormatInput,
    contentBase64: z
      .string({ error: '缺少语音内容' })
      .min(1, { error: '缺少语音内容' })
      .max(Math.ceil((VOICE_MAX_BYTES * 4) / 3) + 8, { error: '语音太大了，请录短一些' })
  }),
  /** Those who may see the demand: a short-lived link to play its voice message. */
  voiceUrl: z.object({ demandId: idOf('诉求') }),
  resolve: z.object({ demandId: idOf('诉求'), done: requiredText(500, '办理情况') }),
  coordinate: z.object({
    demandId: idOf('诉求'),
    department: requiredText(50, '承办部门'),
    /** A Beijing date agreed with the department; past the deadline it is an extension request and needs `reason`. */
    deadline: BeijingDateInput('办结期限').optional(),
    reason: optionalText(300, '延期理由')
  }),
  progress: z.object({ demandId: idOf('诉求'), note: requiredText(500, '进展') }),
  supervise: z.object({ demandId: idOf('诉求'), note: requiredText(300, '督办意见') }),
  finish: z.object({ demandId: idOf('诉求'), result: requiredText(500, '办理结果') }),
  report: z.object({
    demandId: idOf('诉求'),
    toOrgId: idOf('上报单位'),
    reason: requiredText(300, '上报原因'),
    explanation: requiredText(300, '向群众的解释')
  }),
  close: z.object({ demandId: idOf('诉求'), reply: requiredText(300, '答复群众的话') }),
  get: z.object({ demandId: idOf('诉求') }),
  list: z.object({ cadreId: z.string().min(1).max(100).optional(), filter: DemandFilter, ...page }),
  /** Managers: overdue demands in their subtree, most overdue first. */
  listOverdue: z.object(page),
  triage: z.object({ demandId: idOf('诉求'), urgency: Urgency, note: optionalText(300, '说明') }),
  requestExtension: z.object({ demandId: idOf('诉求'), until: BeijingDateInput('延期到的日期'), reason: requiredText(300, '延期理由') }),
  decideExtension: z.object({
    demandId: idOf('诉求'),
    decision: z.enum(['approve', 'refuse'], { error: '请选择同意或不同意' }),
    reason: requiredText(300, '审批意见')
  }),
  listExtensions: z.object(page),
  receiveReport: z.object({ demandId: idOf('诉求') }),
  answerReport: z.object({
    demandId: idOf('诉求'),
    answer: requiredText(500, '答复内容'),
    /** returned: back to the cadre to handle (the deadline stands). */
    outcome: z.enum(['answered', 'returned'], { error: '请选择答复或退回' }).default('answered')
  }),
  listReports: z.object(page),
  /** A duplicate names the entry it repeats (`duplicateOf`). */
  invalidate: z.object({ demandId: idOf('诉求'), kind: InvalidKind, duplicateOf: idOf('重复的那条诉求').optional(), reason: requiredText(300, '理由') }),
  reinstate: z.object({ demandId: idOf('诉求'), reason: requiredText(300, '理由') }),
  listInvalid: z.object(page),
  reopen: z.object({ demandId: idOf('诉求'), reason: requiredText(300, '重办的理由') })
}
