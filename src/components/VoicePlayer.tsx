import { Text, View } from '@tarojs/components'
import { voiceClock } from '@/types/rules/voice-note'
import type { VoicePlayerState } from '../hooks/useVoicePlayer'
import { BigButton } from './BigButton'

/** A resident's voice message on a demand: its length and one large 播放 / 停止 button (src/hooks/useVoicePlayer.ts). */
export function VoicePlayer({ durationMs, player }: { durationMs: number; player: VoicePlayerState }) {
  return (
    <View data-testid='voice-player'>
      <Text className='jdq-row__line'>群众语音留言：{voiceClock(durationMs)}</Text>
      <BigButton kind='plain' loading={player.state === 'loading'} onClick={player.state === 'playing' ? player.onStop : player.onPlay} testId='voice-play'>
        {player.state === 'playing' ? '停止播放' : '播放语音'}
      </BigButton>
      {player.error ? (
        <Text className='jdq-row__line' data-testid='voice-error'>
          {player.error}
        </Text>
      ) : null}
    </View>
  )
}
