/**
 * The village view across systems (不给基层增加负担): who from 工会, 共青团 and 妇联 visited a place this month, so visits
 * do not pile on the same village. Each system is its own org tree, so "a place" is identified by what all three
 * share: the statistical administrative division code of the village or community (统计用区划代码, 12 digits; the
 * first 6 are the county). A liaison point is placed at one, chosen from the county's list; a counted visit there
 * adds to the place's month. Org nodes carry the code of the area they serve (2 digits a province, 4 a prefecture,
 * 6 a county), which decides who sees a place: staff of any system whose area contains it — only counts and unit
 * names, never residents or a visit's content.
 */
import { z } from './zod'
import { System } from './enums'
import { Cursor } from './visits'
import { idOf, requiredText } from './text-fields'

export const PlaceCode = z.string({ error: '请选择村（社区）' }).regex(/^\d{12}$/, { error: '村（社区）的区划代码应为 12 位数字' })
/** An org's area: province (2 digits), prefecture (4) or county (6). */
export const DivisionCode = z
  .string({ error: '请填写区划代码' })
  .regex(/^(\d{2}|\d{4}|\d{6})$/, { error: '区划代码应为 2 位（省）、4 位（市州）或 6 位（县区）数字' })
export const CountyCode = z.string({ error: '请选择县区' }).regex(/^\d{6}$/, { error: '县区代码应为 6 位数字' })
export const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份应为 YYYY-MM' })

export const Place = z.object({ code: z.string(), name: z.string(), town: z.string(), countyCode: z.string() })
export type Place = z.infer<typeof Place>

export const PlaceUnit = z.object({ orgId: z.string(), name: z.string(), system: System, visits: z.number().int() })
export const PlaceMonth = z.object({
  place: Place,
  month: z.string(),
  total: z.number().int(),
  /** Counted visits by system (工会 / 共青团 / 妇联). */
  bySystem: z.object({ union: z.number().int(), league: z.number().int(), women: z.number().int() }),
  /** The units whose cadres came, most visits first. No names of cadres, nothing about residents. */
  units: z.array(PlaceUnit)
})
export type PlaceMonth = z.infer<typeof PlaceMonth>

export const placesInput = {
  /** The places of a county by name (the caller's own county by default), to choose from. */
  search: z.object({
    countyCode: CountyCode.optional(),
    name: z.string().trim().max(20).optional(),
    cursor: Cursor,
    limit: z.number().int().min(1).max(50).default(20)
  }),
  /** Places a liaison point at a village or community (managers of the point's cadre, as for the point itself). */
  setPoint: z.object({ pointId: idOf('联系点'), placeCode: PlaceCode }),
  /** One place's month: visits by system and unit. */
  month: z.object({ placeCode: PlaceCode, month: Month.optional() }),
  /** A county's places visited in a month, most visited first. */
  county: z.object({ countyCode: CountyCode.optional(), month: Month.optional(), cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  /** The province admin loads the list of villages and communities (from the statistics bureau's published codes). */
  import: z.object({
    places: z
      .array(z.object({ code: PlaceCode, name: requiredText(40, '村（社区）名称'), town: requiredText(40, '乡镇（街道）名称') }))
      .min(1, { error: '至少一个村（社区）' })
      .max(200, { error: '一次最多导入 200 个' })
  }),
  /** The province admin sets the area an org node of their system serves. */
  setDivision: z.object({ orgId: idOf('单位'), code: DivisionCode })
}
