import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { ReconcileView } from './ReconcileView'

/** 数据核对报告: the province admin reads the latest nightly reconciliation (`reconcile.lastReport`). */
export default function ReconcilePage() {
  const state = useCloud(() => callCloud('reconcile', 'lastReport', {}))
  usePullDownRefresh(() => {
    void state.reload().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View className='jdq-page'>
      <ReconcileView state={state} onRetry={() => void state.reload()} />
    </View>
  )
}
