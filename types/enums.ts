import { z } from './zod'
import * as labels from './labels'

/** A label table of types/labels.ts with its zod enum, so ids and labels never drift apart. */
function withSchema<const I extends readonly [string, ...string[]], L extends Record<I[number], string>>(table: { labels: L; ids: I }) {
  return { ...table, schema: z.enum(table.ids) }
}

/** 工青妇: the three mass organisations. */
export const systems = withSchema(labels.systems)
export const System = systems.schema
export type System = z.infer<typeof System>

export const orgLevels = withSchema(labels.orgLevels)
export const OrgLevel = orgLevels.schema
export type OrgLevel = z.infer<typeof OrgLevel>

export const roles = withSchema(labels.roles)
export const Role = roles.schema
export type Role = z.infer<typeof Role>

/** 四进: where visits go. */
export const fourInto = withSchema(labels.fourInto)
export const FourInto = fourInto.schema
export type FourInto = z.infer<typeof FourInto>

/** 五必访: households every cadre must visit. */
export const fiveMustVisit = withSchema(labels.fiveMustVisit)
export const FiveMustVisit = fiveMustVisit.schema
export type FiveMustVisit = z.infer<typeof FiveMustVisit>

export const workMethods = withSchema(labels.workMethods)
export const WorkMethod = workMethods.schema
export type WorkMethod = z.infer<typeof WorkMethod>

/** 群众点评, after the national 好差评 scale; the last two are 差评. */
export const ratingLevels = withSchema(labels.ratingLevels)
export const RatingLevel = ratingLevels.schema
export type RatingLevel = z.infer<typeof RatingLevel>

export const demandAreas = withSchema(labels.demandAreas)
export const DemandArea = demandAreas.schema
export type DemandArea = z.infer<typeof DemandArea>
