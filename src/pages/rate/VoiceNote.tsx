import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { voiceClock } from '@/types/rules/voice-note'
import { BigButton } from '../../components/BigButton'
import { Field } from '../../components/Field'
import type { RecordedVoice } from '../../services/voice'
import type { RateKey } from './messages'

type T = (key: RateKey, vars?: Record<string, string | number>) => string

export interface VoiceNoteProps {
  voice: RecordedVoice | null
  /** When the recording started (ms since epoch), or null when not recording. */
  recordingSince: number | null
  onStart: () => void
  onStop: () => void
  onDrop: () => void
  t: T
}

/**
 * 语音留言 on the report form: one large button to start, the same place to stop with the seconds running, then
 * the length recorded and 删掉重录. For a resident who finds typing hard (or reads no Chinese).
 */
export function VoiceNote({ voice, recordingSince, onStart, onStop, onDrop, t }: VoiceNoteProps) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (recordingSince === null) return
    setNow(Date.now())
    const tick = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(tick)
  }, [recordingSince])
  return (
    <Field label={t('voice')} hint={t('voiceHint')} testId='voice'>
      {voice ? (
        <View className='rate-voice' data-testid='voice-recorded'>
          <Text className='rate-voice__len'>{t('voice.recorded', { time: voiceClock(voice.durationMs) })}</Text>
          <BigButton kind='plain' onClick={onDrop} testId='voice-drop'>
            {t('voice.drop')}
          </BigButton>
        </View>
      ) : recordingSince !== null ? (
        <BigButton onClick={onStop} testId='voice-stop'>
          {t('voice.stop', { time: voiceClock(Math.max(0, now - recordingSince)) })}
        </BigButton>
      ) : (
        <BigButton kind='plain' onClick={onStart} testId='voice-start'>
          {t('voice.start')}
        </BigButton>
      )}
    </Field>
  )
}
