/**
 * 两联: a cadre's liaison points (联系点) and contacts (联系人), as the pages and the `points` function share them.
 * Locations are GCJ-02 everywhere.
 */
import { z } from './zod'
import { requiredText } from './text-fields'
import { FourInto } from './enums'
import { GeoPoint } from './models'
import { MAX_RADIUS_M, MIN_RADIUS_M } from './rules/check-in'
import { MOBILE_IN_TEXT, PHONE_FORMAT, PHONE_MISSING, PHONE_RE } from './rules/phone'

/** GCJ-02 coordinates with Chinese messages (NaN, Infinity and out-of-range values are refused). */
export const Location = z.object({
  lat: z.number({ error: '纬度应为数字' }).min(-90, { error: '纬度应在 -90 到 90 之间' }).max(90, { error: '纬度应在 -90 到 90 之间' }),
  lng: z.number({ error: '经度应为数字' }).min(-180, { error: '经度应在 -180 到 180 之间' }).max(180, { error: '经度应在 -180 到 180 之间' })
})

export const LiaisonPoint = z.object({
  id: z.string(),
  name: z.string(),
  kind: FourInto,
  address: z.string(),
  location: GeoPoint,
  radiusM: z.number().int().positive(),
  orgId: z.string(),
  cadreId: z.string()
})
export type LiaisonPoint = z.infer<typeof LiaisonPoint>

export const Contact = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  /** In clear for the cadre and their managers, masked (138****1234) for anyone else. */
  phone: z.string(),
  phoneMasked: z.boolean()
})
export type Contact = z.infer<typeof Contact>

export const CadreRef = z.object({ id: z.string(), name: z.string(), title: z.string().optional(), orgId: z.string() })
export type CadreRef = z.infer<typeof CadreRef>

export const LiaisonOverview = z.object({
  cadre: CadreRef,
  points: z.array(LiaisonPoint),
  contacts: z.array(Contact),
  /** 两联 complete: at least one liaison point and one contact person. */
  complete: z.boolean()
})
export type LiaisonOverview = z.infer<typeof LiaisonOverview>

export const PointFields = z.object({
  name: requiredText(50, '联系点名称').refine((s) => !MOBILE_IN_TEXT.test(s), { error: '联系点名称会印在铭牌上给群众看，请不要写电话号码' }),
  kind: FourInto,
  address: requiredText(100, '地址'),
  location: Location,
  radiusM: z
    .number()
    .int({ error: '打卡范围应为整数米' })
    .min(MIN_RADIUS_M, { error: `打卡范围至少 ${MIN_RADIUS_M} 米` })
    .max(MAX_RADIUS_M, { error: `打卡范围最多 ${MAX_RADIUS_M} 米` })
    .optional()
})

export const Phone = z.string({ error: PHONE_MISSING }).trim().regex(PHONE_RE, { error: PHONE_FORMAT })
