/**
 * A phone number as people write it in China: a mobile (11 digits from 1) or a landline with its area code
 * (0971-1234567). The contract's `Phone` schema and the app's forms both check it here.
 */
export const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/
/** A mobile number written inside other text: a name that others see or that gets printed must not carry one. */
export const MOBILE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/
export const PHONE_MISSING = '请填写电话'
export const PHONE_FORMAT = '电话号码格式不对（手机 11 位，座机如 0971-1234567）'

/** What is wrong with a typed phone number (after trimming), or null when it is fine. */
export function phoneProblem(raw: string): string | null {
  const phone = raw.trim()
  if (!phone) return PHONE_MISSING
  return PHONE_RE.test(phone) ? null : PHONE_FORMAT
}
