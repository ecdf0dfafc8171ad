/**
 * Field schemas with Chinese messages, for every contract: one home instead of a local copy in every file.
 */
import { z } from './zod'

export const requiredText = (max: number, what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}最多 ${max} 个字` })

export const optionalText = (max: number, what: string) =>
  z
    .string({ error: `${what}应为文字` })
    .trim()
    .max(max, { error: `${what}最多 ${max} 个字` })
    .optional()

export const idOf = (what: string, max = 200) =>
  z
    .string({ error: `缺少${what}` })
    .min(1, { error: `缺少${what}` })
    .max(max, { error: `${what}不对` })

/** Made on the phone before the first attempt, so a retried write lands once. */
export const clientId = (what: string) =>
  z.string({ error: `缺少${what}编号` }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: `${what}编号应为 8 到 64 位字母、数字、- 或 _` })

export const MonthOrYear = z.string({ error: '请选择月份或年份' }).regex(/^20\d{2}(-(0[1-9]|1[0-2]))?$/, { error: '时间应为月份（2026-03）或年份（2026）' })

export const BeijingDate = z.string({ error: '请选择日期' }).regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期应为 YYYY-MM-DD' })

export const PageLimit = z.number().int().min(1).max(50).default(20)
