/**
 * 办实事 ledger entries as stored, how a new one is made, and what callers are shown. Fields added with deadline
 * ownership (triage, extensions, reports upward, invalid entries, 重办) are optional: an entry written before them
 * reads as triaged, with its deadline as the first deadline and nothing else.
 */
import type { DemandArea, RatingLevel } from '@/types/enums'
import type { Demand, DemandDetail, DemandPath, DemandStatus, TimelineStep } from '@/types/demands'
import { demandDeadline, rulesFor, type ServiceRules, type Urgency } from '@/types/rules/service'
import { ledgerOverdue, nextSteps } from '@/types/rules/ledger'
import { beijingDate } from '@/types/rules/beijing-time'
import type { HolidayCalendar } from '@/types/rules/working-days'
import { managesPath, phoneFor, type Viewer } from '@/types/rules/privacy'
import type { UserDoc } from './collections'
import type { VoiceFormat } from '@/types/rules/voice-note'
import { iso } from './iso'

export interface TimelineDoc {
  kind: TimelineStep['kind']
  at: Date
  by: string
  byName: string
  byRole: TimelineStep['byRole']
  note?: string
}

export interface ExtensionDoc {
  /** Beijing date asked for, and the end of that day. */
  until: string
  untilAt: Date
  reason: string
  status: 'pending' | 'approved' | 'refused' | 'lapsed'
  requestedAt: Date
  by: string
  byName: string
  decidedAt: Date | null
  decidedBy: string | null
  decidedByName: string | null
  decisionReason: string | null
}

export interface ReportDoc {
  toOrgId: string
  toOrgName: string
  /** The receiving unit's path: its managers (and those above) 签收 and answer. */
  toOrgPath: string[]
  reason: string
  explanation: string
  at: Date
  by: string
  byName: string
  state: 'sent' | 'received' | 'answered' | 'returned'
  answerDueAt: Date
  receivedAt: Date | null
  receivedByName: string | null
  answeredAt: Date | null
  answeredBy: string | null
  answeredByName: string | null
  answer: string | null
}

export interface InvalidDoc {
  kind: 'spam' | 'duplicate'
  duplicateOf: string | null
  reason: string
  at: Date
  by: string
  byName: string
  /** Where a reinstated entry goes back to. */
  fromStatus: 'open' | 'coordinating'
}

/** A resident's voice message (语音留言), as the server measured it (types/rules/voice-note.ts). */
export interface VoiceDoc {
  fileID: string
  format: VoiceFormat
  durationMs: number
  bytes: number
}

/** A round closed by 重办: what it was, kept for the record. */
export interface RoundDoc {
  path: DemandPath | null
  deadlineAt: Date
  finishedAt: Date | null
  closedAt: Date | null
  reply: string | null
  rating: { level: RatingLevel } | null
  late: boolean
  extensions: ExtensionDoc[]
  reopenedAt: Date
  reopenedBy: string
  reopenedByName: string
  reason: string
}

export interface DemandDoc {
  _id: string
  source: 'visit' | 'resident' | 'cadre'
  visitId: string | null
  /** The scene a resident reported through, and who (never shown to the cadre). */
  viaScene: string | null
  residentOpenid: string | null
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  area: DemandArea
  urgency: Urgency
  /** The resident said 急: a hint for triage only. */
  urgentHint?: boolean
  /** When staff settled the urgency; null while a resident's report waits for triage (absent: settled). */
  triagedAt?: Date | null
  text: string
  /** A resident's voice message (absent on entries written before it existed). */
  voice?: VoiceDoc | null
  contact: { name?: string; phone?: string } | null
  status: DemandStatus
  /** Open or coordinating: counted by the overdue indexes. */
  active: boolean
  path: DemandPath | null
  plannedPath: DemandPath | null
  department: string | null
  /** What lateness is measured against: firstDeadlineAt moved by approved extensions only. */
  deadlineAt: Date
  /** The rules' deadline for this round (absent: deadlineAt). */
  firstDeadlineAt?: Date
  /** The date agreed with the department (shown; lateness is not measured against it). */
  departmentDueAt?: Date | null
  extensions?: ExtensionDoc[]
  /** A request waits for a manager (index org_extension_time). */
  extensionPending?: boolean
  extensionRequestedAt?: Date | null
  /** The latest report upward (a returned one stays until the next). */
  report?: ReportDoc | null
  /** The receiving unit and the report's time while it waits for an answer (index report_waiting). */
  reportTo?: string | null
  reportWaiting?: boolean
  reportedAt?: Date | null
  invalid?: InvalidDoc | null
  /** When a manager last put it back from 无效 (index active_reactivated: the overdue reminder looks there too). */
  reactivatedAt?: Date | null
  rounds?: RoundDoc[]
  finishedAt: Date | null
  closedAt: Date | null
  reply: string | null
  supervised: number
  timeline: TimelineDoc[]
  sceneCode: string | null
  rating: { level: RatingLevel } | null
  createdAt: Date
  updatedAt: Date
}

/** The demand's round: 0 until a 重办, then how many rounds came before (a round is rated and reminded anew). */
export const demandRound = (d: Pick<DemandDoc, 'rounds'>): number => d.rounds?.length ?? 0

export function newDemand(
  f: {
    _id: string
    source: DemandDoc['source']
    visitId?: string | null
    viaScene?: string | null
    residentOpenid?: string | null
    cadre: Pick<UserDoc, '_id' | 'name' | 'orgId' | 'orgPath'>
    area: DemandArea
    /** Staff's urgency; a resident's report starts 一般 and untriaged. */
    urgency: Urgency
    triaged: boolean
    urgentHint?: boolean
    text: string
    voice?: VoiceDoc | null
    contact?: DemandDoc['contact']
    plannedPath?: DemandPath | null
    by: { id: string; name: string; role: TimelineDoc['byRole'] }
    /** The 制度 in force for the cadre's org (cloudfunctions/_lib/org-rules.ts); the static defaults otherwise. */
    rules?: ServiceRules
    calendar: HolidayCalendar
  },
  now: Date
): DemandDoc {
  const deadlineAt = demandDeadline(now, f.urgency, f.rules ?? rulesFor(f.cadre.orgPath), f.calendar)
  return {
    _id: f._id,
    source: f.source,
    visitId: f.visitId ?? null,
    viaScene: f.viaScene ?? null,
    residentOpenid: f.residentOpenid ?? null,
    cadreId: f.cadre._id,
    cadreName: f.cadre.name,
    orgId: f.cadre.orgId,
    orgPath: f.cadre.orgPath,
    area: f.area,
    urgency: f.urgency,
    urgentHint: f.urgentHint ?? false,
    triagedAt: f.triaged ? now : null,
    text: f.text,
    voice: f.voice ?? null,
    contact: f.contact ?? null,
    status: 'open',
    active: true,
    path: null,
    plannedPath: f.plannedPath ?? null,
    department: null,
    deadlineAt,
    firstDeadlineAt: deadlineAt,
    departmentDueAt: null,
    extensions: [],
    extensionPending: false,
    extensionRequestedAt: null,
    report: null,
    reportTo: null,
    reportWaiting: false,
    reportedAt: null,
    invalid: null,
    rounds: [],
    finishedAt: null,
    closedAt: null,
    reply: null,
    supervised: 0,
    timeline: [{ kind: 'raised', at: now, by: f.by.id, byName: f.by.name, byRole: f.by.role, ...(f.urgentHint ? { note: '群众说很急' } : {}) }],
    sceneCode: null,
    rating: null,
    createdAt: now,
    updatedAt: now
  }
}

export function toDemand(d: DemandDoc, viewer: Viewer | null, now: Date): Demand {
  const owner = { id: d.cadreId, orgPath: d.orgPath }
  const phone = d.contact?.phone ? (viewer ? phoneFor(viewer, owner, d.contact.phone) : { phone: '***', masked: true }) : null
  const r = d.report ?? null
  const pending = d.extensionPending ? (d.extensions ?? []).find((e) => e.status === 'pending') : undefined
  return {
    id: d._id,
    source: d.source,
    visitId: d.visitId,
    cadreId: d.cadreId,
    cadreName: d.cadreName,
    orgId: d.orgId,
    area: d.area,
    urgency: d.urgency,
    urgentHint: d.urgentHint ?? false,
    triaged: d.triagedAt !== null,
    text: d.text,
    contact: d.contact
      ? { ...(d.contact.name ? { name: d.contact.name } : {}), ...(phone ? { phone: phone.phone } : {}), phoneMasked: phone?.masked ?? false }
      : null,
    status: d.status,
    path: d.path,
    plannedPath: d.plannedPath,
    department: d.department,
    deadlineAt: iso(d.deadlineAt)!,
    firstDeadlineAt: iso(d.firstDeadlineAt ?? d.deadlineAt)!,
    departmentDueAt: iso(d.departmentDueAt),
    overdue: ledgerOverdue(d, now),
    pendingExtension: pending
      ? { until: pending.until, reason: pending.reason, requestedByName: pending.byName, requestedAt: iso(pending.requestedAt)! }
      : null,
    finishedAt: iso(d.finishedAt),
    closedAt: iso(d.closedAt),
    reply: d.reply,
    supervised: d.supervised,
    createdAt: iso(d.createdAt)!,
    sceneCode: d.sceneCode,
    // The resident's rating of it is for the cadre's managers: next to the contact, it would tell the cadre who rated how.
    rating: viewer && managesPath(viewer, d.orgPath) ? d.rating : null,
    voice: d.voice ? { durationMs: d.voice.durationMs } : null,
    report: r
      ? {
          toOrgId: r.toOrgId,
          toOrgName: r.toOrgName,
          reason: r.reason,
          explanation: r.explanation,
          at: iso(r.at)!,
          state: r.state,
          answerDueAt: iso(r.answerDueAt)!,
          receivedAt: iso(r.receivedAt),
          receivedByName: r.receivedByName,
          answeredAt: iso(r.answeredAt),
          answeredByName: r.answeredByName,
          answer: r.answer
        }
      : null,
    invalid: d.invalid
      ? { kind: d.invalid.kind, duplicateOf: d.invalid.duplicateOf, reason: d.invalid.reason, at: iso(d.invalid.at)!, byName: d.invalid.byName }
      : null,
    round: (d.rounds?.length ?? 0) + 1
  }
}

export interface DetailExtras {
  reportTargets?: { orgId: string; name: string }[]
  deadlineBounds?: { due: Date; maxExtension: string } | null
}

export function toDemandDetail(d: DemandDoc, viewer: Viewer | null, now: Date, extras: DetailExtras = {}): DemandDetail {
  const b = extras.deadlineBounds
  const managing = Boolean(viewer && managesPath(viewer, d.orgPath))
  return {
    ...toDemand(d, viewer, now),
    timeline: d.timeline
      .filter((s) => managing || s.kind !== 'rated')
      .map((s) => ({ kind: s.kind, at: iso(s.at)!, byName: s.byName, byRole: s.byRole, ...(s.note ? { note: s.note } : {}) })),
    nextSteps: viewer
      ? nextSteps(
          d,
          { owner: viewer.userId === d.cadreId, manager: managesPath(viewer, d.orgPath), receiver: !!d.report && managesPath(viewer, d.report.toOrgPath) },
          now
        )
      : [],
    extensions: (d.extensions ?? []).map((e) => ({
      until: e.until,
      reason: e.reason,
      status: e.status,
      requestedAt: iso(e.requestedAt)!,
      requestedByName: e.byName,
      decidedAt: iso(e.decidedAt),
      decidedByName: e.decidedByName,
      decisionReason: e.decisionReason
    })),
    reportTargets: extras.reportTargets ?? [],
    deadlineBounds: b ? { due: beijingDate(b.due), maxExtension: b.maxExtension } : null
  }
}
