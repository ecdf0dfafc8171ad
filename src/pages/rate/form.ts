import type { DemandArea, RatingLevel } from '@/types/enums'
import { checkTags, isBadLevel } from '@/types/rules/rating-levels'
import { VOICE_MAX_BYTES, VOICE_MAX_SECONDS, VOICE_MIN_MS } from '@/types/rules/voice-note'
import type { RecordedVoice } from '../../services/voice'
import type { RateKey } from './messages'

/** What the resident is rating: the visit or answered demand behind the code, the fix of their 差评, or one of their reported problems. */
export type RateTarget = { about: 'service' } | { about: 'fix' } | { about: 'demand'; demandId: string }

/** No level is chosen until the resident taps one (no default rating). */
export interface RateForm {
  level: RatingLevel | null
  tags: string[]
  comment: string
  phone: string
}
export const emptyRateForm = (): RateForm => ({ level: null, tags: [], comment: '', phone: '' })

export interface ReportForm {
  area: DemandArea | null
  text: string
  /** The resident's 急: a hint for triage. */
  urgent: boolean
  phone: string
  /** A voice message (语音留言) recorded on the phone, sent with the report; with one, words are optional. */
  voice: RecordedVoice | null
}
export const emptyReportForm = (): ReportForm => ({ area: null, text: '', urgent: false, phone: '', voice: null })

/** What is wrong with a recording before it is sent (the server checks its bytes again), as a catalog key. */
export function voiceProblem(v: RecordedVoice): RateKey | null {
  if (v.durationMs < VOICE_MIN_MS || v.size <= 0) return 'error.voiceShort'
  if (v.durationMs > VOICE_MAX_SECONDS * 1000 + 500 || v.size > VOICE_MAX_BYTES) return 'error.voiceLong'
  return null
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/

/** Picking another level drops tags that belong to the old one. */
export function pickLevel(f: RateForm, level: RatingLevel): RateForm {
  return { ...f, level, tags: f.level && isBadLevel(f.level) === isBadLevel(level) && f.level === level ? f.tags : [] }
}

export function toggleTag(f: RateForm, tag: string): RateForm {
  return { ...f, tags: f.tags.includes(tag) ? f.tags.filter((t) => t !== tag) : [...f.tags, tag] }
}

/** What to send, or the catalog key (./messages.ts) of the first thing to fix. */
export function toRateInput(scene: string, target: RateTarget, f: RateForm) {
  if (!f.level) return { ok: false as const, key: 'error.level' as RateKey }
  if (checkTags(f.level, f.tags)) return { ok: false as const, key: 'error.tags' as RateKey }
  const phone = f.phone.trim()
  if (phone && !PHONE.test(phone)) return { ok: false as const, key: 'error.phone' as RateKey }
  return {
    ok: true as const,
    input: {
      scene,
      about: target.about,
      ...(target.about === 'demand' ? { demandId: target.demandId } : {}),
      level: f.level,
      tags: f.tags,
      ...(f.comment.trim() ? { comment: f.comment.trim() } : {}),
      ...(phone && isBadLevel(f.level) ? { contactPhone: phone } : {})
    }
  }
}

export function toReportInput(scene: string, f: ReportForm) {
  if (!f.area) return { ok: false as const, key: 'error.area' as RateKey }
  if (!f.text.trim() && !f.voice) return { ok: false as const, key: 'error.text' as RateKey }
  const voiceKey = f.voice ? voiceProblem(f.voice) : null
  if (voiceKey) return { ok: false as const, key: voiceKey }
  const phone = f.phone.trim()
  if (phone && !PHONE.test(phone)) return { ok: false as const, key: 'error.phone' as RateKey }
  // The voice goes up first and is attached by the page (src/services/voice.ts): its fileID is not known here.
  return {
    ok: true as const,
    input: { scene, area: f.area, text: f.text.trim(), ...(f.urgent ? { urgentHint: true } : {}), ...(phone ? { contactPhone: phone } : {}) }
  }
}
