import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { PeriodKind } from '@/types/outcomes'
import { ScoreView } from '@/src/components/ScoreView'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'

/** 我的成效: `rankings.mine` for the month, quarter or year. Pull down to refresh. */
export default function OutcomesPage() {
  const [kind, setKind] = useState<PeriodKind>('month')
  const state = useCloud(() => callCloud('rankings', 'mine', { kind }), [kind])
  usePullDownRefresh(() => {
    void state.reload().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View className='jdq-page'>
      <ScoreView state={state} kind={kind} onKind={setKind} onRetry={() => void state.reload()} own />
    </View>
  )
}
