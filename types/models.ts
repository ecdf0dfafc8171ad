import { z } from './zod'
import { FourInto, OrgLevel, Role, System } from './enums'

/** A point on the map in GCJ-02, the datum wx.getLocation('gcj02') and WeChat maps use. */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180)
})
export type GeoPoint = z.infer<typeof GeoPoint>

export const OrgSummary = z.object({
  id: z.string(),
  name: z.string(),
  system: System,
  level: OrgLevel,
  /** Names from the province down to this node, for display ("青海省妇联 / 西宁市妇联"). */
  pathNames: z.array(z.string())
})
export type OrgSummary = z.infer<typeof OrgSummary>

export const LiaisonPointSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: FourInto,
  address: z.string(),
  location: GeoPoint,
  radiusM: z.number().int().positive()
})
export type LiaisonPointSummary = z.infer<typeof LiaisonPointSummary>

export const Me = z.object({
  /** The account's id (a staff member's; absent for a resident): the phone derives a queued visit's id from it. */
  id: z.string().optional(),
  name: z.string(),
  role: Role,
  title: z.string().optional(),
  org: OrgSummary.nullable(),
  liaisonPoints: z.array(LiaisonPointSummary),
  contactCount: z.number().int().nonnegative()
})
export type Me = z.infer<typeof Me>
