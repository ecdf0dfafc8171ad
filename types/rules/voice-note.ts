/**
 * A resident's voice message on a reported problem (语音留言): the limits both ends share, the formats accepted,
 * where the file lives, and how long an mp3 really is. Pure: the report page checks with these, `demands.create`
 * decides with them on the bytes in storage.
 *
 * WeChat records mp3 (RecorderManager, VOICE_RECORDER_OPTIONS: 16 kHz mono at 32 kbps, about 4 KB a second). A
 * browser records what its MediaRecorder makes (webm or ogg with Opus, or mp4 audio in Safari): that path exists
 * for local development and is checked by size and its claimed length, since only an mp3's length is measured here.
 */
import { cloudPathOf } from './diary'

export const VOICE_MAX_SECONDS = 60
export const VOICE_MIN_MS = 1000
/** 64 kbps: twice what either recorder is asked for. */
export const VOICE_MAX_BYTES_PER_SECOND = 8000
/** Container headers and a last partial second. */
const HEADER_SLACK = 16 * 1024
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

const ascii = (b: Uint8Array, at: number, s: string) => s.split('').every((c, i) => b[at + i] === c.charCodeAt(0))

/** What the bytes are, from their first bytes (never from a name the phone sends). */
export function sniffVoiceFormat(b: Uint8Array): VoiceFormat | null {
  if (b.length < 12) return null
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'webm'
  if (ascii(b, 0, 'OggS')) return 'ogg'
  if (ascii(b, 4, 'ftyp')) return 'm4a'
  if (ascii(b, 0, 'ID3') || frameAt(b, 0)) return 'mp3'
  return null
}

// MPEG audio Layer III frame headers (ISO/IEC 11172-3, 13818-3): kbps by bitrate index, Hz by sample-rate index.
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

/** The Layer III frame starting at `i`: its length in bytes and the time it plays, or null. */
function frameAt(b: Uint8Array, i: number): { length: number; ms: number } | null {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1] & 0xe0) !== 0xe0) return null
  const version = (b[i + 1] >> 3) & 3
  const layer = (b[i + 1] >> 1) & 3
  const bitrateIndex = b[i + 2] >> 4
  const rateIndex = (b[i + 2] >> 2) & 3
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null
  const v1 = version === 3
  const kbps = (v1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex]
  const rate = RATES[version][rateIndex]
  const padding = (b[i + 2] >> 1) & 1
  const length = Math.floor(((v1 ? 144 : 72) * kbps * 1000) / rate) + padding
  return { length, ms: ((v1 ? 1152 : 576) * 1000) / rate }
}

/** Bytes taken by an ID3v2 tag at the start (its size is a 28-bit "syncsafe" number). */
function id3Length(b: Uint8Array): number {
  if (b.length < 10 || !ascii(b, 0, 'ID3')) return 0
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f)
  return 10 + size + (b[5] & 0x10 ? 10 : 0)
}

/**
 * How long an mp3 plays, from its frames (each frame says its own bitrate and rate, so variable bitrate counts
 * right), or null when fewer than two frames follow each other (not an mp3). A little junk between frames is
 * skipped; a trailing ID3v1 tag ends the walk.
 */
export function mp3DurationMs(b: Uint8Array): number | null {
  let i = id3Length(b)
  let ms = 0
  let frames = 0
  let skipped = 0
  while (i + 4 <= b.length) {
    const f = frameAt(b, i)
    if (f && (i + f.length === b.length || i + f.length + 4 > b.length || frameAt(b, i + f.length) || ascii(b, i + f.length, 'TAG'))) {
      ms += f.ms
      frames++
      i += f.length
      continue
    }
    if (ascii(b, i, 'TAG')) break
    if (++skipped > 4096) return null
    i++
  }
  return frames >= 2 ? Math.round(ms) : null
}

/** Seconds, rounded up, as a resident reads them: 0:07. */
export function voiceClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * What is wrong with a voice message's bytes, in words (null: it may be attached), and the length to keep:
 * an mp3's measured one, otherwise the length the phone claims, which must fit the bytes at the most a recorder
 * makes in a second.
 */
export function checkVoice(bytes: Uint8Array, claimedMs: number): { ok: true; format: VoiceFormat; durationMs: number } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: '语音是空的，请重新录一段' }
  if (bytes.length > VOICE_MAX_BYTES) return { ok: false, message: `语音太大了（最多 ${Math.round(VOICE_MAX_BYTES / 1024)} KB），请录短一些` }
  const format = sniffVoiceFormat(bytes)
  if (!format) return { ok: false, message: '这不是一段能播放的语音，请重新录' }
  const durationMs = format === 'mp3' ? mp3DurationMs(bytes) : claimedMs
  if (durationMs === null) return { ok: false, message: '这不是一段能播放的语音，请重新录' }
  if (durationMs > VOICE_MAX_SECONDS * 1000 + 500) return { ok: false, message: `语音最长 ${VOICE_MAX_SECONDS} 秒，请录短一些` }
  if (durationMs < VOICE_MIN_MS) return { ok: false, message: '语音太短了，请多说几句' }
  if (format !== 'mp3' && bytes.length > HEADER_SLACK + VOICE_MAX_BYTES_PER_SECOND * Math.ceil(durationMs / 1000)) {
    return { ok: false, message: '语音的长度和大小对不上，请重新录' }
  }
  return { ok: true, format, durationMs }
}

/** A resident's voice files: voice/<hashed openid>/<upload id>.<format> (the openid itself never in a path). */
export const voiceFolder = (residentKey: string) => `voice/${residentKey}/`
export const voicePathFor = (residentKey: string, uploadId: string, format: VoiceFormat) => `${voiceFolder(residentKey)}${uploadId}.${format}`

/** A voice file this resident may attach: one in their own folder. */
export function ownsVoice(residentKey: string, fileID: string): boolean {
  const p = cloudPathOf(fileID)
  return p !== null && p.startsWith(voiceFolder(residentKey)) && !p.slice(voiceFolder(residentKey).length).includes('/')
}
