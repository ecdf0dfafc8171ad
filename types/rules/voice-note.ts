/**
 * A resident's voice message on a reported problem (语音留言): the limits both ends share and the formats accepted.
 * The report page (main package) checks with these; what the server decides on the bytes in storage — the format
 * from the first bytes, an mp3's real length, where a resident's files live — is in voice-check.ts.
 *
 * WeChat records mp3 (RecorderManager, VOICE_RECORDER_OPTIONS: 16 kHz mono at 32 kbps, about 4 KB a second). A
 * browser records what its MediaRecorder makes (webm or ogg with Opus, or mp4 audio in Safari): that path exists
 * for local development and is checked by size and its claimed length, since only an mp3's length is measured here.
 */

export const VOICE_MAX_SECONDS = 60
export const VOICE_MIN_MS = 1000
/** 64 kbps: twice what either recorder is asked for. */
export const VOICE_MAX_BYTES_PER_SECOND = 8000
/** Container headers and a last partial second. */
export const HEADER_SLACK = 16 * 1024
export const VOICE_MAX_BYTES = VOICE_MAX_SECONDS * VOICE_MAX_BYTES_PER_SECOND + HEADER_SLACK
/** Voice uploads a resident may start in a Beijing day (a report carries one; a failed send is sent again). */
export const VOICE_UPLOADS_PER_DAY = 10
/** A temporary play link lives this long. */
export const VOICE_URL_SECONDS = 600
/** What a report with a voice message and no words shows where its text would be. */
export const VOICE_ONLY_TEXT = '（语音留言）'

export const VOICE_FORMATS = ['mp3', 'webm', 'ogg', 'm4a'] as const
export type VoiceFormat = (typeof VOICE_FORMATS)[number]

/** WeChat's RecorderManager.start options: mp3 plays on every phone and browser a cadre may use. */
export const VOICE_RECORDER_OPTIONS = {
  duration: VOICE_MAX_SECONDS * 1000,
  sampleRate: 16000,
  numberOfChannels: 1,
  encodeBitRate: 32000,
  format: 'mp3'
} as const

export const voiceContentType: Record<VoiceFormat, string> = { mp3: 'audio/mpeg', webm: 'audio/webm', ogg: 'audio/ogg', m4a: 'audio/mp4' }

/** The format a MediaRecorder's MIME type names, or null when it is none of ours. */
export function formatOfMime(mime: string): VoiceFormat | null {
  const m = mime.toLowerCase()
  if (m.startsWith('audio/webm')) return 'webm'
  if (m.startsWith('audio/ogg')) return 'ogg'
  if (m.startsWith('audio/mp4') || m.startsWith('audio/x-m4a') || m.startsWith('audio/aac')) return 'm4a'
  if (m.startsWith('audio/mpeg') || m.startsWith('audio/mp3')) return 'mp3'
  return null
}

/** Seconds, rounded up, as a resident reads them: 0:07. */
export function voiceClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
