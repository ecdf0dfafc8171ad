/**
 * 群众点评's levels and the reasons offered for each (好差评: the reasons depend on the level). Apart from the
 * other service rules because the resident's rating page — in the main package — needs only these: importing
 * types/rules/service.ts would bring the deadline and hold rules along.
 */
import type { RatingLevel } from '../enums'

export const levelScores: Record<RatingLevel, number> = {
  verySatisfied: 5,
  satisfied: 4,
  basicallySatisfied: 3,
  dissatisfied: 2,
  veryDissatisfied: 1
}

export const isBadLevel = (level: RatingLevel) => level === 'dissatisfied' || level === 'veryDissatisfied'

const goodTags = ['服务态度好', '办事效率高', '解决效果好', '政策讲得清', '耐心倾听'] as const
const middleTags = ['服务态度一般', '办事效率一般', '问题部分解决', '政策讲得不够清楚'] as const
const badTags = ['服务态度差', '办事效率低', '问题没解决', '政策没讲清', '走过场'] as const

/** Tags offered for each level (好差评: the reasons depend on the level). */
export const tagsByLevel: Record<RatingLevel, readonly string[]> = {
  verySatisfied: goodTags,
  satisfied: goodTags,
  basicallySatisfied: middleTags,
  dissatisfied: badTags,
  veryDissatisfied: badTags
}

/** A 差评 must say why (at least one tag); tags must belong to the level. Returns a message or null. */
export function checkTags(level: RatingLevel, tags: readonly string[]): string | null {
  const allowed = tagsByLevel[level]
  const wrong = tags.find((t) => !allowed.includes(t))
  if (wrong) return `「${wrong}」不是这一档可选的标签，请重新选择`
  if (new Set(tags).size !== tags.length) return '标签重复了'
  if (isBadLevel(level) && tags.length === 0) return '请至少选一个不满意的原因，方便我们整改'
  return null
}
