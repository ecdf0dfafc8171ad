/**
 * The ids of the enums people see, with their Chinese words: one table per enum, declared once. The schemas in
 * types/ build their zod enums from these tables (`ids(table)`), and the mini-program imports the words from here.
 *
 * This module (like types/errors.ts and types/rules/) must not import zod: the mini-program's main package
 * stays within its size budget only if its code never loads zod (see docs/client-bundle.md).
 */

/** The ids of a label table, in declaration order, typed for `z.enum`. */
export function ids<const T extends Record<string, string>>(table: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]
}

function labelled<const T extends Record<string, string>>(table: T) {
  return { labels: table, ids: ids(table) }
}

/** 工青妇: the three mass organisations. */
export const systems = labelled({ union: '工会', league: '共青团', women: '妇联' })
export type System = keyof typeof systems.labels

export const orgLevels = labelled({ province: '省级', prefecture: '市州', county: '县区' })
export type OrgLevel = keyof typeof orgLevels.labels

export const roles = labelled({ admin: '省活动办', manager: '管理员', cadre: '干部', resident: '群众' })
export type Role = keyof typeof roles.labels

/** 四进: where visits go. */
export const fourInto = labelled({
  enterprise: '企业',
  school: '学校',
  village: '农村/社区',
  poorHousehold: '贫困户'
})
export type FourInto = keyof typeof fourInto.labels

/** 五必访: households every cadre must visit. */
export const fiveMustVisit = labelled({
  extremePoverty: '特困家庭',
  veteranMember: '老党员',
  strugglingModelWorker: '困难劳模',
  leftBehind: '留守儿童和空巢老人',
  petitioner: '上访户'
})
export type FiveMustVisit = keyof typeof fiveMustVisit.labels

export const workMethods = labelled({
  fieldResearch: '蹲点调研',
  forum: '座谈会',
  homeVisit: '上门走访',
  inspection: '实地考察',
  survey: '问卷调查',
  other: '其他'
})
export type WorkMethod = keyof typeof workMethods.labels

/** 群众点评, after the national 好差评 scale; the last two are 差评. */
export const ratingLevels = labelled({
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意'
})
export type RatingLevel = keyof typeof ratingLevels.labels

export const demandAreas = labelled({
  production: '生产',
  living: '生活',
  employment: '就业',
  housing: '住房',
  schooling: '上学',
  medical: '医疗',
  other: '其他'
})
export type DemandArea = keyof typeof demandAreas.labels

// ---------------------------------------------------------------- visits

export const visitStatusLabels = { counted: '已计入', pending: '外勤待审核', rejected: '外勤未通过' } as const

export const problemHandlingLabels = { immediate: '立即解决', coordinate: '协调解决', report: '上报反映' } as const

// ---------------------------------------------------------------- the ledger and 群众点评

export const urgencies = { urgent: '紧急', general: '一般', complex: '复杂' } as const

export const demandStatusLabels = {
  open: '待办理',
  coordinating: '协调办理中',
  solved: '已办结',
  reported: '已上报，待答复',
  answered: '上级已答复',
  closed: '已答复群众',
  invalid: '无效'
} as const

export const timelineLabels = {
  raised: '受理',
  triaged: '确定紧急程度',
  resolved: '立即解决',
  assigned: '转办协调',
  progress: '办理进展',
  supervised: '督办',
  extensionRequested: '申请延期',
  extensionApproved: '同意延期',
  extensionRefused: '不同意延期',
  finished: '协调办结',
  reported: '上报反映',
  received: '上级签收',
  answered: '上级答复',
  returned: '上级退回',
  closed: '答复群众',
  rated: '群众评价',
  invalidated: '标为无效',
  reinstated: '恢复办理',
  reopened: '重办'
} as const

export const invalidKindLabels = { spam: '无效信息', duplicate: '重复反映' } as const

export const extensionStatusLabels = { pending: '待审批', approved: '已同意', refused: '未同意', lapsed: '已办结，不再审批' } as const

export const reportStateLabels = { sent: '待签收', received: '已签收，待答复', answered: '已答复', returned: '已退回' } as const

export const caseStatusLabels = { revisit: '待回访', rectifying: '整改中', rectified: '已整改', voided: '已撤销' } as const

// ---------------------------------------------------------------- outcomes, exemplars, exports, reminders

export const periodKindLabels = { month: '本月', quarter: '本季度', year: '本年度' } as const

export const exemplarKinds = { visit: '走访', diary: '民情日记', demand: '办实事' } as const

export const exportKinds = { demands: '诉求台账', ratings: '群众点评', rankings: '排名', pack: '工作汇总', survey: '问卷答卷' } as const

export const exportStatusLabels = { running: '正在生成', done: '已完成', failed: '没有成功' } as const

export const pushStatusLabels = {
  claimed: '正在推送',
  sent: '已推送到微信',
  noQuota: '仅在这里提醒（未订阅微信消息）',
  off: '仅在这里提醒（您关闭了微信推送）',
  rejected: '仅在这里提醒（消息内容不符合微信要求）',
  failed: '仅在这里提醒（微信推送没有成功）'
} as const
