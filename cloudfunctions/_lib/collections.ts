import type { OrgLevel, Role, System, FourInto } from '@/types/enums'
import type { GeoPoint } from '@/types/models'
import type { CollectionName } from '@/types/database'
import type { CadrePeriodKind, CadrePeriodStatus } from '@/types/cadre-periods'
import { db } from './cloud'

/** Documents as stored. Instants are Dates (UTC); Beijing-time days are derived, never stored as local strings. */
export interface OrgDoc {
  _id: string
  name: string
  system: System
  level: OrgLevel
  parentId: string | null
  /** Ancestor ids from the province down to and including this node: subtree queries are `path: id`. */
  path: string[]
  pathNames: string[]
  /**
   * Active accounts bound to this node itself (orgId = this node), kept by the orgs function in the transaction
   * of every bind, move and removal, so the tree adds up a subtree's people from its org documents instead of
   * counting accounts. Absent on data written before the counts: such a node is counted live.
   */
  memberCounts?: { cadre: number; manager: number }
  /** The administrative division the node serves (2 digits a province, 4 a prefecture, 6 a county): the village view. */
  divisionCode?: string
}

export interface UserDoc {
  _id: string
  openid: string
  name: string
  role: Exclude<Role, 'resident'>
  title?: string
  orgId: string
  orgPath: string[]
  createdAt: Date
  /**
   * false once moved or removed: the openid is set aside to `former:<id>` so the WeChat account is
   * free, and the document stays where its history (visits, stats, demands, ratings) was earned.
   */
  active?: boolean
  retired?: { at: Date; reason: 'moved' | 'removed'; byId: string; note?: string; movedTo?: string }
  /** The WeChat openid a retired account was bound to (audit only; never matched for sign-in). */
  formerOpenid?: string
  /** Earlier accounts of the same person (moves), oldest first. */
  formerIds?: string[]
  /** The invite this account was bound through. */
  inviteCode?: string
}

export interface LiaisonPointDoc {
  _id: string
  name: string
  kind: FourInto
  address: string
  location: GeoPoint
  radiusM: number
  orgId: string
  cadreId: string
  createdAt: Date
  /** The village or community it is at (12-digit division code): counted visits add to that place's month. */
  placeCode?: string
}

export interface ContactDoc {
  _id: string
  cadreId: string
  name: string
  relation: string
  phone: string
  createdAt: Date
}

export const collection = (name: CollectionName) => db.collection(name)

// ---- the cadre's tool (visits, days, statistics, 五必访). ----

export interface VisitDoc {
  /** `${cadreId}_${submissionId}` */
  _id: string
  submissionId: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  pointId: string
  pointName: string
  pointKind: FourInto
  /** The point's place when the visit was made (null: the point had none). */
  placeCode?: string | null
  location: GeoPoint
  accuracyM: number
  distanceM: number
  radiusM: number
  inside: boolean
  /** As the phone reported them. */
  capturedAt: Date
  deviceNow: Date
  receivedAt: Date
  /** The record's time: server clock online, capture time offline. */
  visitedAt: Date
  date: string
  month: string
  year: number
  offline: boolean
  status: 'counted' | 'pending' | 'rejected'
  flags: ('clockSkew' | 'speed')[]
  clockSkewMs: number
  maxSpeedKmh: number | null
  reason?: string
  note?: string
  photos: string[]
  review?: { decision: 'approve' | 'reject'; note: string; by: string; byName: string; at: Date }
  /** A 外勤 no fence fits, evidenced by a resident who scanned the visit's code (their openid; managers' eyes only). */
  confirmedBy?: string
  record?: VisitRecordDoc
  /** The reply the first submission got, returned verbatim to every retry. */
  reply: { dayAdded: boolean; days: number; message: string }
  /** The visit's QR scene code once the cadre has shown it (index scene): a rating finds the visit by it. */
  sceneCode?: string
  createdAt: Date
}

export interface VisitRecordDoc {
  category: FourInto
  method: import('@/types/enums').WorkMethod
  policy?: string
  needs?: string
  advice?: string
  peopleMet: { count: number; text?: string }
  householdIds: string[]
  problems: import('@/types/visits').RaisedProblem[]
  savedAt: Date
}

export interface VisitDayDoc {
  /** `${cadreId}_${date}` */
  _id: string
  cadreId: string
  date: string
  year: number
  month: string
  visits: number
  /** Null for a day an approved 蹲点 stay added before any visit on it. */
  firstVisitId: string | null
  /** The approved 蹲点 stay that added this day, if it was one. */
  stayId?: string
  createdAt: Date
}

/** 请假/培训/抽调 or a 蹲点 stay (types/cadre-periods.ts): _id `${cadreId}_${submissionId}`. */
export interface CadrePeriodDoc {
  _id: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  kind: CadrePeriodKind
  from: string
  to: string
  /** The Beijing years the span touches (the index cadre_years_status). */
  years: number[]
  place: string
  note: string
  status: CadrePeriodStatus
  recordedBy: { id: string; name: string; byManager: boolean }
  review: { decision: 'approve' | 'reject' | 'cancel'; note: string; by: string; byName: string; at: Date } | null
  /** A stay: the days it added when approved. */
  countedDays: number | null
  createdAt: Date
  updatedAt: Date
}

export interface VisitStatsDoc {
  /** `${cadreId}_${year}` */
  _id: string
  cadreId: string
  orgId: string
  orgPath: string[]
  year: number
  days: number
  /** by 'MM' */
  daysByMonth: Record<string, number>
  visits: number
  visitsByMonth: Record<string, number>
  visitsByKind: Partial<Record<FourInto, number>>
  /** 四进 by month, keyed 'YYYY-MM_kind' (the month packs' 四进 mix); absent on statistics written before it. */
  visitsByMonthKind?: Record<string, number>
  /** 外勤 submitted (pending, approved or rejected) by 'MM': the monthly limit counts these. */
  fieldworkByMonth: Record<string, number>
  fieldworkPending: number
  fieldworkApproved: number
  fieldworkRejected: number
  /** 民情日记 entries and 调研报告 filed this year (written by the diary function; absent means 0). */
  diaryEntries?: number
  reports?: number
  updatedAt: Date
}

export interface HouseholdDoc {
  _id: string
  kind: import('@/types/enums').FiveMustVisit
  displayName: string
  area: string
  cadreId: string
  orgId: string
  orgPath: string[]
  lastVisitAt: Date | null
  /** The year visitsInYear counts; a visit in a new year starts it again. */
  visitsYear: number | null
  visitsInYear: number
  visited: boolean
  createdAt: Date
  // ---- 一户一册 and 四个百家 (types/rules/four-hundred.ts); absent on households written before them
  profile?: {
    circumstances: string
    needAreas: import('@/types/enums').DemandArea[]
    needs: string
    updatedAt: Date
    updatedBy: string
    updatedByName: string
  }
  /** The latest Beijing year the record was written or confirmed (知百家情). */
  knownYear?: number | null
  knownYears?: number[]
  /** The latest year with a resolved 帮扶 (解百家忧) and with a 慰问 (暖百家心), from helpCounts. */
  relievedYear?: number | null
  warmedYear?: number | null
  helpCounts?: Record<string, { care: number; solved: number }>
  /** Ledger entries linked by hand (at most 30). */
  demandIds?: string[]
}

// ---- 民情日记 and 调研报告 ----

export interface DiaryEntryDoc {
  /** `${cadreId}_${entryId}` */
  _id: string
  entryId: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  text: string
  /** cloud fileIDs under diary/<cadreId>/ */
  photos: string[]
  /** Beijing date it was written. */
  date: string
  year: number
  createdAt: Date
  updatedAt: Date
  /** 批阅 so far (cloudfunctions/reviews), moved in each review's transaction. */
  review?: { reads: number; comments: number; adopted: number }
}

export interface ReportDoc {
  /** `${cadreId}_${reportId}` */
  _id: string
  reportId: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  title: string
  year: number
  fileID: string
  name: string
  size: number
  createdAt: Date
  review?: { reads: number; comments: number; adopted: number }
}
