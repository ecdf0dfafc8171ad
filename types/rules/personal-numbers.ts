/**
 * Numbers that name a person — mobile and landline phones, ID-card numbers — found in free text, so records that must
 * stay minimal (一户一册) refuse them and anonymous answers (调查问卷) mask them.
 */
export const PHONE_LIKE = /(?<!\d)1\d{10}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g
export const ID_LIKE = /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g

export function hasPersonalNumber(s: string): boolean {
  return new RegExp(PHONE_LIKE.source).test(s) || new RegExp(ID_LIKE.source).test(s)
}
