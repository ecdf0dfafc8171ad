/**
 * WeChat's rules for subscribe-message template fields, keyed by the field name's type prefix
 * (thing1, time2, phrase3 ...). The emulator enforces them as WeChat does (errcode 47003); the
 * reminder templates are checked against them before anything is sent.
 */
export type FieldKind =
  'thing' | 'number' | 'letter' | 'symbol' | 'character_string' | 'time' | 'date' | 'amount' | 'phone_number' | 'car_number' | 'name' | 'phrase'

const chars = (s: string) => [...s].length
const isChinese = (s: string) => /^[\u3400-\u9fff]+$/.test(s)

const dateRe = /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2})$/
const clockRe = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/

const rules: Record<FieldKind, (v: string) => string | null> = {
  thing: (v) => (chars(v) <= 20 ? null : '不能超过 20 个字符'),
  number: (v) => (/^-?\d+(\.\d+)?$/.test(v) && chars(v) <= 32 ? null : '只能是 32 位以内的数字'),
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? null : '只能是 32 位以内的字母'),
  symbol: (v) => (chars(v) <= 5 && /^[^\sA-Za-z0-9\u3400-\u9fff]+$/.test(v) ? null : '只能是 5 位以内的符号'),
  character_string: (v) => (chars(v) <= 32 && /^[\x21-\x7e]+$/.test(v) ? null : '只能是 32 位以内的数字、字母或符号'),
  time: (v) => {
    const [date, clock] = v.split(/\s+/)
    if (clock === undefined) return clockRe.test(date) || dateRe.test(date) ? null : '时间格式不对（如 15:01 或 2026年11月28日 15:01）'
    return dateRe.test(date) && clockRe.test(clock) ? null : '时间格式不对（如 2026年11月28日 15:01）'
  },
  date: (v) => {
    const [date, clock] = v.split(/\s+/)
    return dateRe.test(date) && (clock === undefined || clockRe.test(clock)) ? null : '日期格式不对（如 2026年11月28日）'
  },
  amount: (v) => (/^[¥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v) ? null : '金额格式不对（如 ¥100.00 或 100元）'),
  phone_number: (v) => (chars(v) <= 17 && /^[\d+\-() ]+$/.test(v) ? null : '电话号码格式不对（17 位以内数字和符号）'),
  car_number: (v) => (chars(v) <= 8 ? null : '车牌号不能超过 8 位'),
  // WeChat: 10 个以内纯汉字或 20 个以内纯字母或符号; 中文和字母（符号）混合按中文名算，10 个字内 — so 阿依古丽·买买提 fits.
  name: (v) =>
    /[\u3400-\u9fff]/.test(v)
      ? /^[\u3400-\u9fffA-Za-z ·•.]+$/.test(v)
        ? chars(v) <= 10
          ? null
          : '中文姓名不能超过 10 个字'
        : '姓名只能有汉字、字母和间隔号'
      : chars(v) <= 20 && /^[A-Za-z .·•'-]+$/.test(v)
        ? null
        : '姓名为 10 个以内汉字或 20 个以内字母',
  phrase: (v) => (isChinese(v) && chars(v) <= 5 ? null : '只能是 5 个以内汉字')
}

const kinds = Object.keys(rules) as FieldKind[]

/** thing12 → thing; character_string3 → character_string; unknown → null. */
export function fieldKind(key: string): FieldKind | null {
  const base = key.replace(/\d+$/, '')
  return (kinds as string[]).includes(base) ? (base as FieldKind) : null
}

/** Null when WeChat would accept the value, else why not (in Chinese). */
export function checkField(key: string, value: unknown): string | null {
  const kind = fieldKind(key)
  if (!kind) return `未知的字段类型：${key}`
  if (typeof value !== 'string' || value.length === 0) return `${key} 不能为空`
  const problem = rules[kind](value)
  return problem ? `${key}：${problem}` : null
}

/** Checks a whole `data` object as sent to subscribeMessage.send ({ thing1: { value } ... }). */
export function checkMessageData(data: unknown): string | null {
  if (!data || typeof data !== 'object') return 'data 不能为空'
  for (const [key, field] of Object.entries(data as Record<string, unknown>)) {
    const problem = checkField(key, (field as { value?: unknown } | null)?.value)
    if (problem) return problem
  }
  return null
}

/** Shortens user text to fit a `thing` field (20 chars), marking the cut with an ellipsis. */
export function fitThing(text: string, max = 20): string {
  const c = [...text.replace(/\s+/g, ' ').trim()]
  return c.length <= max ? c.join('') : c.slice(0, max - 1).join('') + '…'
}
