/**
 * The voice message's pure rules (types/rules/voice-note.ts): formats told from the bytes, an mp3's length
 * measured from its frames (whatever the phone claims), the limits in words, and whose folder a file is in.
 */
import { silentMp3, webmOf } from '../helpers/voice'
import { VOICE_MAX_BYTES, formatOfMime, voiceClock } from '@/types/rules/voice-note'
import { checkVoice, mp3DurationMs, ownsVoice, sniffVoiceFormat, voicePathFor } from '@/types/rules/voice-check'

const u8 = (b: Buffer) => new Uint8Array(b)

describe('voice message rules', () => {
  it('tells the format from the first bytes, never from a name', () => {
    expect(sniffVoiceFormat(u8(silentMp3(1)))).toBe('mp3')
    expect(sniffVoiceFormat(u8(silentMp3(1, { id3: true })))).toBe('mp3')
    expect(sniffVoiceFormat(u8(webmOf(100)))).toBe('webm')
    expect(sniffVoiceFormat(u8(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(40)])))).toBe('ogg')
    expect(sniffVoiceFormat(u8(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypM4A '), Buffer.alloc(40)])))).toBe('m4a')
    expect(sniffVoiceFormat(u8(Buffer.from('\x89PNG\r\n\x1a\n0000000000')))).toBeNull()
    expect(sniffVoiceFormat(new Uint8Array(3))).toBeNull()
    expect([formatOfMime('audio/webm;codecs=opus'), formatOfMime('audio/ogg; codecs=opus'), formatOfMime('audio/mp4'), formatOfMime('video/mp4')]).toEqual([
      'webm',
      'ogg',
      'm4a',
      null
    ])
  })

  it('measures an mp3 from its frames: with an ID3 tag, a trailing ID3v1 tag, junk between frames', () => {
    expect(mp3DurationMs(u8(silentMp3(10)))).toBe(10008) // 278 frames of 36 ms
    expect(mp3DurationMs(u8(silentMp3(10, { id3: true })))).toBe(10008)
    const tagged = Buffer.concat([silentMp3(2), Buffer.from('TAG'), Buffer.alloc(125)])
    expect(mp3DurationMs(u8(tagged))).toBe(2016)
    const junk = Buffer.concat([silentMp3(1), Buffer.alloc(37, 0x11), silentMp3(1)])
    // A frame is trusted only when another (or the end) follows it: the one before the junk is not counted.
    expect(mp3DurationMs(u8(junk))).toBe(1980)
    // MPEG-1 at 44.1 kHz, 128 kbps: 417- or 418-byte frames of 26.12 ms.
    const v1 = Buffer.alloc(417)
    v1.set([0xff, 0xfb, 0x90, 0x64])
    expect(mp3DurationMs(u8(Buffer.concat(Array.from({ length: 100 }, () => v1))))).toBe(2612)
    expect(mp3DurationMs(u8(webmOf(2000)))).toBeNull()
    expect(mp3DurationMs(u8(silentMp3(0.036)))).toBeNull()
  })

  it('says in words what is wrong, and keeps the measured length of an mp3', () => {
    expect(checkVoice(u8(silentMp3(8)), 1000)).toEqual({ ok: true, format: 'mp3', durationMs: 7992 })
    expect(checkVoice(u8(silentMp3(70)), 20000)).toMatchObject({ ok: false, message: expect.stringContaining('60 秒') })
    expect(checkVoice(u8(silentMp3(0.5)), 500)).toMatchObject({ ok: false, message: expect.stringContaining('太短') })
    expect(checkVoice(new Uint8Array(0), 1000)).toMatchObject({ ok: false, message: expect.stringContaining('空') })
    expect(checkVoice(new Uint8Array(VOICE_MAX_BYTES + 1), 30000)).toMatchObject({ ok: false, message: expect.stringContaining('太大') })
    expect(checkVoice(u8(webmOf(40_000)), 9000)).toEqual({ ok: true, format: 'webm', durationMs: 9000 })
    // 200 KB cannot be 5 s at 64 kbps.
    expect(checkVoice(u8(webmOf(200_000)), 5000)).toMatchObject({ ok: false, message: expect.stringContaining('对不上') })
    expect(checkVoice(u8(webmOf(200_000)), 61000)).toMatchObject({ ok: false, message: expect.stringContaining('60 秒') })
    expect(checkVoice(u8(Buffer.from('hello, this is not a recording')), 3000)).toMatchObject({ ok: false })
  })

  it('keeps each resident’s files in their own folder', () => {
    const p = voicePathFor('k1', 'u1', 'mp3')
    expect(p).toBe('voice/k1/u1.mp3')
    expect(ownsVoice('k1', `cloud://env.bucket/${p}`)).toBe(true)
    expect(ownsVoice('k2', `cloud://env.bucket/${p}`)).toBe(false)
    expect(ownsVoice('k1', 'cloud://env.bucket/voice/k1/../k2/u1.mp3')).toBe(false)
    expect(ownsVoice('k1', 'cloud://env.bucket/voice/k1/sub/u1.mp3')).toBe(false)
    expect(ownsVoice('k1', 'https://example.com/voice/k1/u1.mp3')).toBe(false)
    expect([voiceClock(0), voiceClock(7200), voiceClock(60000)]).toEqual(['0:00', '0:08', '1:00'])
  })
})
