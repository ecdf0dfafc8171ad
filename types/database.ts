/**
 * The one declaration of the cloud database: collections, their indexes and who may read them
 * from a client. The emulator builds its tables and indexes from it; `npm run deploy` (scripts/deploy/) creates
 * them, and sets each collection's permission, in a real CloudBase environment.
 *
 * Index keys follow MongoDB: [field, 1 | -1] in order; compound indexes serve queries on a prefix.
 * A unique index treats a missing field as null, as the cloud does.
 */
export type IndexDirection = 1 | -1

export interface IndexDeclaration {
  name: string
  keys: ReadonlyArray<readonly [field: string, direction: IndexDirection]>
  unique?: boolean
}

export interface CollectionDeclaration {
  /** Mini-program clients never touch the database directly: every read and write goes through a cloud function. */
  permission: 'ADMINONLY'
  indexes: readonly IndexDeclaration[]
}

// A declaration table: one index per line reads better than one key per line.
// prettier-ignore
export const database = {
  orgs: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'parent', keys: [['parentId', 1], ['name', 1]] },
      { name: 'path', keys: [['path', 1]] },
      // the rankings job rolls figures up the tree level by level
      { name: 'level_id', keys: [['level', 1], ['_id', 1]] }
    ]
  },
  users: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'openid_unique', keys: [['openid', 1]], unique: true },
      // _id last: a node's members page in index order — by role (org_role_id) or all of them (org_id) — instead of
      // reading every account of the node and sorting.
      { name: 'org_role_id', keys: [['orgId', 1], ['role', 1], ['_id', 1]] },
      { name: 'org_id', keys: [['orgId', 1], ['_id', 1]] },
      // _id last: a manager's cadre list pages in index order instead of sorting the whole subtree.
      { name: 'orgPath_role', keys: [['orgPath', 1], ['role', 1], ['_id', 1]] }
    ]
  },
  liaisonPoints: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre', keys: [['cadreId', 1], ['name', 1]] },
      { name: 'org', keys: [['orgId', 1]] }
    ]
  },
  contacts: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'cadre', keys: [['cadreId', 1], ['createdAt', -1]] }]
  },
  /** 走访打卡: _id is `${cadreId}_${submissionId}`, so a submission lands once. */
  visits: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_time', keys: [['cadreId', 1], ['visitedAt', -1], ['_id', -1]] },
      { name: 'cadre_submission_unique', keys: [['cadreId', 1], ['submissionId', 1]], unique: true },
      { name: 'org_status_time', keys: [['orgPath', 1], ['status', 1], ['visitedAt', 1]] },
      // a resident's confirmations of one cadre's 外勤 in a month (a friend cannot stand in for every day)
      { name: 'confirmer_cadre_month', keys: [['confirmedBy', 1], ['cadreId', 1], ['month', 1]] },
      // 一户一册: the visits whose record names a household (multikey), newest first
      { name: 'household_time', keys: [['record.householdIds', 1], ['visitedAt', -1]] },
      // the nightly reconciliation recounts a village's month (placeMonths) from its counted visits
      { name: 'place_month', keys: [['placeCode', 1], ['month', 1], ['status', 1]] },
      // A rating finds the visit by the QR code the cadre showed (set when the code is made).
      { name: 'scene', keys: [['sceneCode', 1]] }
    ]
  },
  /**
   * 请假/培训/抽调 and 蹲点 spans: _id `${cadreId}_${submissionId}`, so a submission lands once. `years` lists the
   * Beijing years the span touches: a year's approved spans of a cadre (or a batch of cadres) are one indexed read.
   */
  cadrePeriods: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_years_status', keys: [['cadreId', 1], ['years', 1], ['status', 1]] },
      { name: 'cadre_from', keys: [['cadreId', 1], ['from', -1], ['_id', -1]] },
      // a manager's queue of spans waiting in their subtree, oldest first
      { name: 'org_status_time', keys: [['orgPath', 1], ['status', 1], ['createdAt', 1], ['_id', 1]] }
    ]
  },
  /** One document per cadre per Beijing date with a counted visit or an approved 蹲点 day: _id `${cadreId}_${date}`. */
  visitDays: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'cadre_date_unique', keys: [['cadreId', 1], ['date', 1]], unique: true }]
  },
  /** Per cadre per Beijing year, kept as visits are written: _id `${cadreId}_${year}`. */
  visitStats: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_year_unique', keys: [['cadreId', 1], ['year', 1]], unique: true },
      { name: 'org_year', keys: [['orgPath', 1], ['year', 1]] }
    ]
  },
  /** 五必访 registry. */
  households: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_name', keys: [['cadreId', 1], ['displayName', 1], ['_id', 1]] },
      { name: 'cadre_kind_name', keys: [['cadreId', 1], ['kind', 1], ['displayName', 1], ['_id', 1]] },
      { name: 'cadre_visitsYear', keys: [['cadreId', 1], ['visitsYear', 1]] },
      { name: 'cadre_visited', keys: [['cadreId', 1], ['visited', 1]] },
      { name: 'org', keys: [['orgPath', 1]] }
    ]
  },
  /** 民情日记: _id `${cadreId}_${entryId}` (the phone's id), so a retried add lands once. */
  diaryEntries: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_time', keys: [['cadreId', 1], ['createdAt', -1], ['_id', -1]] },
      // 典型引路 — a manager picks from their subtree's recent entries
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', -1], ['_id', -1]] }
    ]
  },
  /** 调研报告 (files in cloud storage under reports/<cadreId>/): _id `${cadreId}_${reportId}`. */
  reports: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_year_time', keys: [['cadreId', 1], ['year', 1], ['createdAt', -1]] },
      // 批阅: a leader reads their subtree's newest reports
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', -1], ['_id', -1]] }
    ]
  },
  // ---- 办实事 ledger and 群众点评 ----
  /** 群众诉求台账. Visit-raised: _id `${visitId}_p${n}`. `active` while open or coordinating. */
  demands: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_time', keys: [['cadreId', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'cadre_status_time', keys: [['cadreId', 1], ['status', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'cadre_active_deadline', keys: [['cadreId', 1], ['active', 1], ['deadlineAt', 1], ['_id', 1]] },
      { name: 'org_active_deadline', keys: [['orgPath', 1], ['active', 1], ['deadlineAt', 1], ['_id', 1]] },
      { name: 'resident_scene', keys: [['residentOpenid', 1], ['viaScene', 1], ['createdAt', -1]] },
      // the reminder sender walks open demands by deadline (due soon / overdue) and residents' answered
      // demands by the time they were answered, across all organisations, in resumable batches
      { name: 'active_deadline', keys: [['active', 1], ['deadlineAt', 1], ['_id', 1]] },
      // …and demands put back from 无效 by when, whose deadline may already lie behind the overdue watermark
      { name: 'active_reactivated', keys: [['active', 1], ['reactivatedAt', 1], ['_id', 1]] },
      { name: 'source_closed', keys: [['source', 1], ['closedAt', 1], ['_id', 1]] },
      // exports page a subtree's ledger in time order; 典型引路 picks recent ones
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', 1], ['_id', 1]] },
      // managers' queues: extension requests waiting in a subtree, entries set aside there, and the reports sent
      // to a unit and not answered yet
      { name: 'org_extension_time', keys: [['orgPath', 1], ['extensionPending', 1], ['extensionRequestedAt', 1], ['_id', 1]] },
      { name: 'org_status_time', keys: [['orgPath', 1], ['status', 1], ['updatedAt', -1], ['_id', -1]] },
      { name: 'report_waiting_time', keys: [['reportTo', 1], ['reportWaiting', 1], ['reportedAt', 1], ['_id', 1]] },
      // A rating finds the answered demand by its QR code (set when it closes).
      { name: 'scene', keys: [['sceneCode', 1]] }
    ]
  },
  /** QR scene codes: _id is the scene; one per visit, demand or liaison point. */
  scenes: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'target_unique', keys: [['kind', 1], ['targetId', 1]], unique: true }]
  },
  /** 群众点评: one per resident per target, by the unique index (一次一评 / 一事一评). */
  ratings: {
    permission: 'ADMINONLY',
    indexes: [
      // one rating per resident per visit, fix or demand round (a 重办 is rated anew)
      { name: 'target_rater_unique', keys: [['targetKind', 1], ['targetId', 1], ['round', 1], ['raterOpenid', 1]], unique: true },
      { name: 'cadre_time', keys: [['cadreId', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'org_appeal_time', keys: [['orgPath', 1], ['appealPending', 1], ['createdAt', 1], ['_id', 1]] },
      // exports page a subtree's ratings in time order
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', 1], ['_id', 1]] },
      // The hold rule's one read: a rating's event and its rater's months as keys of one multikey index
      // (types/rules/rating-guard.ts: `e|kind|target`, `r|raterHash|month`).
      { name: 'guard_keys', keys: [['guard', 1]] },
      // Managers review the held ratings of their subtree, oldest first.
      { name: 'org_state_time', keys: [['orgPath', 1], ['state', 1], ['createdAt', 1], ['_id', 1]] }
    ]
  },
  /** 差评 follow-up: _id `case_${ratingId}`. `active` until rectified or voided. */
  badReviewCases: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'org_active_due', keys: [['orgPath', 1], ['active', 1], ['revisitDueAt', 1], ['_id', 1]] },
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', -1], ['_id', -1]] },
      // The rated cadre's 整改 requests, newest month first; within a month in _id order (says nothing of when).
      { name: 'cadre_month', keys: [['cadreId', 1], ['month', -1], ['_id', -1]] },
      // the reminder sender walks new cases in the order they were opened, and rectified ones in the order
      // they were rectified (watermarks), all organisations
      { name: 'time', keys: [['createdAt', 1], ['_id', 1]] },
      { name: 'rectified_time', keys: [['rectification.at', 1], ['_id', 1]] }
    ]
  },
  /** Per cadre per Beijing month and year ('YYYY-MM' / 'YYYY'), kept as ratings and demands are written. */
  serviceStats: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_period_unique', keys: [['cadreId', 1], ['period', 1]], unique: true },
      { name: 'org_period', keys: [['orgPath', 1], ['period', 1]] }
    ]
  },
  /** Rate limits and repeat-rater counters: _id `${bucket}:${key}:${period}`. */
  abuseCounters: {
    permission: 'ADMINONLY',
    indexes: []
  },
  // ---- organisation tree, invitations, rules per org and year, 投诉建议 ----
  /** One-time invitations: _id is the code itself. */
  invites: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'org_time', keys: [['orgPath', 1], ['createdAt', -1], ['_id', -1]] }]
  },
  /**
   * 法定节假日 and 调休 a province admin loaded for a year (_id the year): they replace the data package's schedule
   * for that year (cloudfunctions/_lib/holidays.ts). Read by _id only.
   */
  holidaySchedules: {
    permission: 'ADMINONLY',
    indexes: []
  },
  /** 制度: one document per org per Beijing year, _id `${orgId}_${year}`: overridden values and locked fields. */
  orgRules: {
    permission: 'ADMINONLY',
    indexes: []
  },
  /** Every change of an orgRules document: who, when, field, old, new. */
  ruleChanges: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'org_year_time', keys: [['orgId', 1], ['year', 1], ['at', -1], ['_id', -1]] }]
  },
  /** 投诉建议: _id `fb_${hash(openid)}_${submissionId}` (a retried submit lands once). */
  feedback: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'sender_time', keys: [['senderHash', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'to_answered_time', keys: [['to', 1], ['answered', 1], ['createdAt', 1], ['_id', 1]] }
    ]
  },
  // ---- reminders ----
  /**
   * Everything the sender decided to remind: the in-app reminder center, and the claim before a WeChat message.
   * _id is reminderKey(openid, kind, subject, period), and the same four fields are unique: a reminder is claimed
   * once, however many runs overlap or crash.
   */
  reminders: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'key_unique', keys: [['openid', 1], ['kind', 1], ['subject', 1], ['period', 1]], unique: true },
      { name: 'openid_time', keys: [['openid', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'openid_read', keys: [['openid', 1], ['read', 1]] }
    ]
  },
  /** Subscribe-message quota: _id `${openid}:${templateKey}`; one accepted consent adds one message. */
  subscriptions: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'openid', keys: [['openid', 1]] }]
  },
  /** Kinds a user turned off: _id is the openid. */
  reminderPrefs: {
    permission: 'ADMINONLY',
    indexes: []
  },
  /** The sender's checkpoints: _id is the source ('pace', 'monthlySummary' …), holding its period and cursor. */
  reminderRuns: {
    permission: 'ADMINONLY',
    indexes: []
  },
  // ---- nightly reconciliation ----
  /** The reconciliation's checkpoint: _id 'state' (the pass, its years, the system root and cadre reached). */
  reconcileState: {
    permission: 'ADMINONLY',
    indexes: []
  },
  /** One report per reconciliation run: _id the run id. */
  reconcileReports: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'time', keys: [['startedAt', -1], ['_id', -1]] }]
  },
  // ---- 成效排行 (written by the rankings job; types/outcomes.ts) ----
  /**
   * One per cadre per period ('YYYY-MM' | 'YYYY-Qn' | 'YYYY'): _id `${cadreId}_${period}`. A ranking page walks one
   * of the scope indexes in order (no arrays in them), so it examines about as many documents as it shows.
   */
  cadreScores: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'period_county_rank', keys: [['period', 1], ['scope.county', 1], ['sortKey', 1], ['_id', 1]] },
      { name: 'period_prefecture_rank', keys: [['period', 1], ['scope.prefecture', 1], ['sortKey', 1], ['_id', 1]] },
      { name: 'period_province_rank', keys: [['period', 1], ['scope.province', 1], ['sortKey', 1], ['_id', 1]] },
      { name: 'org_period', keys: [['orgId', 1], ['period', 1], ['_id', 1]] }
    ]
  },
  /** Per org per period, the subtree's figures rolled up the tree: _id `${orgId}_${period}`. */
  orgStats: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'parent_period_rank', keys: [['parentId', 1], ['period', 1], ['sortKey', 1], ['_id', 1]] },
      { name: 'level_period', keys: [['level', 1], ['period', 1], ['_id', 1]] }
    ]
  },
  /** 表彰 / 通报 lists: _id `${kind}_${orgId}_${month}`; a draft until a manager publishes it. */
  honourLists: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'org_kind_month', keys: [['orgId', 1], ['kind', 1], ['month', -1]] }]
  },
  /** The rankings job's checkpoints: _id 'rankings', holding the cycle, phase and cursor. */
  rankingRuns: {
    permission: 'ADMINONLY',
    indexes: []
  },
  // ---- exports and 典型引路 ----
  /** An export job: _id `${userId}_${jobId}` (the phone's id), so a double tap starts one export. */
  exportJobs: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'owner_time', keys: [['ownerId', 1], ['createdAt', -1], ['_id', -1]] }]
  },
  /** 典型引路: _id `ex_${kind}_${sourceId}`, one case per record. The feed walks orgPath = the system's root. */
  exemplars: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'org_time', keys: [['orgPath', 1], ['markedAt', -1], ['_id', -1]] }]
  },
  // ---- 调查问卷, 一户一册, 三问, 批阅, the village view (cloudfunctions/surveys, households, voices, reviews, places) ----
  /** 调查问卷: _id is the survey's code (what its QR code carries). Tallies live on it (atomic increments). */
  surveys: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'owner_time', keys: [['ownerId', 1], ['createdAt', -1], ['_id', -1]] },
      { name: 'org_time', keys: [['orgPath', 1], ['createdAt', -1], ['_id', -1]] },
      // the rankings job counts each cadre's surveys published in the year; the packs list a period's
      { name: 'owner_published', keys: [['ownerId', 1], ['publishedAt', 1]] },
      { name: 'org_published', keys: [['orgPath', 1], ['publishedAt', -1]] }
    ]
  },
  /** One answer sheet each: _id keyed per resident (HMAC of the openid under the survey's secret) or per paper entry. */
  surveyAnswers: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'survey_id', keys: [['surveyId', 1], ['_id', 1]] },
      { name: 'survey_texts', keys: [['surveyId', 1], ['texts', 1], ['_id', 1]] }
    ]
  },
  /** 一户一册: 慰问 and 帮扶 given to a household: _id `${householdId}_${entryId}` (the phone's id). */
  householdHelp: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'household_date', keys: [['householdId', 1], ['date', -1], ['_id', -1]] }]
  },
  /** 三问: one per visit record saying anything under 问政/问需/问计, _id the visit's; written with the record. */
  voices: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_month', keys: [['cadreId', 1], ['month', 1], ['pointId', 1], ['visitedAt', -1], ['_id', -1]] },
      { name: 'org_month', keys: [['orgPath', 1], ['month', 1], ['orgId', 1], ['pointId', 1], ['visitedAt', -1], ['_id', -1]] },
      // the packs' digest, newest first: month and year, a cadre's and a unit's
      { name: 'cadre_month_time', keys: [['cadreId', 1], ['month', 1], ['visitedAt', -1]] },
      { name: 'org_month_time', keys: [['orgPath', 1], ['month', 1], ['visitedAt', -1]] },
      { name: 'cadre_year', keys: [['cadreId', 1], ['year', 1], ['visitedAt', -1]] },
      { name: 'org_year', keys: [['orgPath', 1], ['year', 1], ['visitedAt', -1]] }
    ]
  },
  /** 批阅 of 民情日记 and 调研报告: read, comment, 采纳; one 已阅 per leader per item. */
  workReviews: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'target_time', keys: [['targetKind', 1], ['targetId', 1], ['createdAt', -1]] },
      { name: 'author_time', keys: [['authorId', 1], ['createdAt', -1], ['_id', -1]] },
      // the reminder sender tells authors, walking new reviews in the order they were written (a watermark)
      { name: 'time', keys: [['createdAt', 1], ['_id', 1]] }
    ]
  },
  /** Villages and communities: _id the 12-digit division code, loaded by the province admin. */
  places: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'county_name', keys: [['countyCode', 1], ['name', 1], ['_id', 1]] }]
  },
  /** Counted visits per place per Beijing month, by visiting unit: _id `${placeCode}_${month}`. */
  placeMonths: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'county_month_total', keys: [['countyCode', 1], ['month', 1], ['total', -1], ['_id', 1]] }]
  },
  /** Templates a manager pushed down the tree: read by everyone whose path passes through orgId. */
  surveyTemplates: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'org_time', keys: [['orgId', 1], ['createdAt', -1]] }]
  }
} as const satisfies Record<string, CollectionDeclaration>

export type CollectionName = keyof typeof database
