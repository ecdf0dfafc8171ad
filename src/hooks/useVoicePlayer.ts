import { useEffect, useRef, useState } from 'react'
import { callCloud } from '../services/cloud'
import { toCloudError } from '../services/reply'
import { playUrl } from '../services/voice'

export type VoicePlayerState = { state: 'idle' | 'loading' | 'playing'; error: string | null; onPlay: () => void; onStop: () => void }

/**
 * Plays a demand's voice message (语音留言) for staff: a fresh short-lived link from `demands.voiceUrl` on every tap
 * (the server checks who may listen before it makes one), stopped when the page goes away.
 */
export function useVoicePlayer(demandId: string): VoicePlayerState {
  const [state, setState] = useState<VoicePlayerState['state']>('idle')
  const [error, setError] = useState<string | null>(null)
  const stop = useRef<(() => void) | null>(null)
  useEffect(() => () => stop.current?.(), [])

  const onPlay = async () => {
    if (state !== 'idle') return
    setError(null)
    setState('loading')
    try {
      const { url } = await callCloud('demands', 'voiceUrl', { demandId })
      setState('playing')
      stop.current = playUrl(url, (failed) => {
        stop.current = null
        setState('idle')
        if (failed) setError('语音没能播放，请稍后再试')
      })
    } catch (err) {
      setState('idle')
      setError(toCloudError(err).message)
    }
  }
  return { state, error, onPlay: () => void onPlay(), onStop: () => stop.current?.() }
}
