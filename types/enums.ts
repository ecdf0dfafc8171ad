import { z } from './zod'

/** Builds a zod enum plus its Chinese labels from one table, so ids and labels never drift apart. */
function labelled<const T extends Record<string, string>>(table: T) {
  const ids = Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]
  return { schema: z.enum(ids), labels: table, ids }
}

/** 工青妇: the three mass organisations. */
export const systems = labelled({ union: '工会', league: '共青团', women: '妇联' })
export const System = systems.schema
export type System = z.infer<typeof System>

export const orgLevels = labelled({ province: '省级', prefecture: '市州', county: '县区' })
export const OrgLevel = orgLevels.schema
export type OrgLevel = z.infer<typeof OrgLevel>

export const roles = labelled({ admin: '省活动办', manager: '管理员', cadre: '干部', resident: '群众' })
export const Role = roles.schema
export type Role = z.infer<typeof Role>

/** 四进: where visits go. */
export const fourInto = labelled({
  enterprise: '企业',
  school: '学校',
  village: '农村/社区',
  poorHousehold: '贫困户'
})
export const FourInto = fourInto.schema
export type FourInto = z.infer<typeof FourInto>

/** 五必访: households every cadre must visit. */
export const fiveMustVisit = labelled({
  extremePoverty: '特困家庭',
  veteranMember: '老党员',
  strugglingModelWorker: '困难劳模',
  leftBehind: '留守儿童和空巢老人',
  petitioner: '上访户'
})
export const FiveMustVisit = fiveMustVisit.schema
export type FiveMustVisit = z.infer<typeof FiveMustVisit>

export const workMethods = labelled({
  fieldResearch: '蹲点调研',
  forum: '座谈会',
  homeVisit: '上门走访',
  inspection: '实地考察',
  survey: '问卷调查',
  other: '其他'
})
export const WorkMethod = workMethods.schema
export type WorkMethod = z.infer<typeof WorkMethod>

/** 群众点评, after the national 好差评 scale; the last two are 差评. */
export const ratingLevels = labelled({
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意'
})
export const RatingLevel = ratingLevels.schema
export type RatingLevel = z.infer<typeof RatingLevel>

export const demandAreas = labelled({
  production: '生产',
  living: '生活',
  employment: '就业',
  housing: '住房',
  schooling: '上学',
  medical: '医疗',
  other: '其他'
})
export const DemandArea = demandAreas.schema
export type DemandArea = z.infer<typeof DemandArea>
