import Taro from '@tarojs/taro'
import { VOICE_MAX_SECONDS, VOICE_RECORDER_OPTIONS, formatOfMime, type VoiceFormat } from '@/types/rules/voice-note'
import { callCloud, initCloud } from './cloud'
import { CloudError } from './reply'
import { toBase64 } from './base64'

/**
 * A resident's voice message (语音留言) on a reported problem: record it, put it in their folder of cloud storage,
 * and play one back for the staff who may hear it. WeChat: RecorderManager (mp3, VOICE_RECORDER_OPTIONS), then
 * `demands.prepareVoice` names the path and Taro.cloud.uploadFile puts the file there. A browser (local
 * development; the emulator has no client-side upload): MediaRecorder, and the bytes go to `demands.uploadVoice`.
 * The server checks the bytes again when the report is sent (format, size, an mp3's real length).
 */

export interface RecordedVoice {
  format: VoiceFormat
  durationMs: number
  size: number
  /** WeChat: the recorder's temporary file. */
  path?: string
  /** A browser: the recording itself. */
  blob?: Blob
}

export interface VoiceRecording {
  /** Ends the recording (it also ends by itself at VOICE_MAX_SECONDS). */
  stop(): void
  /** Settles when the recording ends, however it ends; rejects when the phone would not record. */
  done: Promise<RecordedVoice>
}

/** The code of a recorder failure: the resident refused the microphone, or the phone could not record. */
export class VoiceError extends Error {
  constructor(readonly reason: 'denied' | 'failed') {
    super(reason === 'denied' ? '没有录音的权限' : '没能录音')
  }
}

const denied = (err: unknown) =>
  /auth|deny|denied|permission|NotAllowed/i.test(String((err as { errMsg?: string; name?: string })?.errMsg ?? (err as Error)?.name ?? err))

export function startRecording(): Promise<VoiceRecording> {
  return process.env.TARO_ENV === 'h5' ? startInBrowser() : startInWeChat()
}

function startInWeChat(): Promise<VoiceRecording> {
  const rm = Taro.getRecorderManager()
  return new Promise((resolveStart, rejectStart) => {
    let started = false
    let settle: { resolve: (v: RecordedVoice) => void; reject: (e: Error) => void } | null = null
    const done = new Promise<RecordedVoice>((resolve, reject) => (settle = { resolve, reject }))
    rm.onStart(() => {
      started = true
      resolveStart({ stop: () => rm.stop(), done })
    })
    rm.onStop((res) => settle?.resolve({ format: 'mp3', durationMs: Math.round(res.duration), size: res.fileSize, path: res.tempFilePath }))
    rm.onError((err) => {
      const e = new VoiceError(denied(err) ? 'denied' : 'failed')
      if (started) settle?.reject(e)
      else rejectStart(e)
    })
    rm.start({ ...VOICE_RECORDER_OPTIONS })
  })
}

async function startInBrowser(): Promise<VoiceRecording> {
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true })
  } catch (err) {
    throw new VoiceError(denied(err) ? 'denied' : 'failed')
  }
  // Opus at 32 kbps, as WeChat's recorder is asked for: the server holds a recording to 64 kbps at most.
  const mime = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((m) => MediaRecorder.isTypeSupported(m))
  const recorder = new MediaRecorder(stream, { ...(mime ? { mimeType: mime } : {}), audioBitsPerSecond: 32000 })
  const chunks: Blob[] = []
  const startedAt = Date.now()
  const done = new Promise<RecordedVoice>((resolve, reject) => {
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data)
    }
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop())
      clearTimeout(limit)
      const format = formatOfMime(recorder.mimeType || mime || '')
      const blob = new Blob(chunks, { type: recorder.mimeType })
      if (!format) return reject(new VoiceError('failed'))
      resolve({ format, durationMs: Math.min(Date.now() - startedAt, VOICE_MAX_SECONDS * 1000), size: blob.size, blob })
    }
    recorder.onerror = () => reject(new VoiceError('failed'))
  })
  const limit = setTimeout(() => recorder.state === 'recording' && recorder.stop(), VOICE_MAX_SECONDS * 1000)
  recorder.start()
  return { stop: () => recorder.state === 'recording' && recorder.stop(), done }
}

/** Puts the recording in the resident's folder of storage; what `demands.create` attaches. */
export async function uploadVoice(scene: string, v: RecordedVoice): Promise<{ fileID: string; durationMs: number }> {
  if (v.blob) {
    const up = await callCloud('demands', 'uploadVoice', { scene, format: v.format, contentBase64: await toBase64(v.blob) }, { timeoutMs: 60000 })
    return { fileID: up.fileID, durationMs: v.durationMs }
  }
  const { cloudPath } = await callCloud('demands', 'prepareVoice', { scene, format: v.format })
  initCloud()
  try {
    const up = await Taro.cloud.uploadFile({ cloudPath, filePath: v.path ?? '' })
    return { fileID: up.fileID, durationMs: v.durationMs }
  } catch {
    throw new CloudError('UNAVAILABLE', '语音没有传上去，网络不太好，请稍后再试')
  }
}

/** Plays a link; returns how to stop it. `onEnd` runs when it ends, is stopped, or fails. */
export function playUrl(url: string, onEnd: (failed: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    const audio = new Audio(url)
    audio.onended = () => onEnd(false)
    audio.onerror = () => onEnd(true)
    audio.play().catch(() => onEnd(true))
    return () => {
      audio.pause()
      onEnd(false)
    }
  }
  const ctx = Taro.createInnerAudioContext()
  // Plays even with the phone's silent switch on: a cadre listening to a resident should hear them.
  ctx.obeyMuteSwitch = false
  ctx.src = url
  ctx.onEnded(() => {
    ctx.destroy()
    onEnd(false)
  })
  ctx.onError(() => {
    ctx.destroy()
    onEnd(true)
  })
  ctx.play()
  return () => {
    ctx.stop()
    ctx.destroy()
    onEnd(false)
  }
}
