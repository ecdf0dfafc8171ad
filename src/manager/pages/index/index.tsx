import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../../hooks/useCloud'
import { loadMe } from '../../../services/me'
import { ManagerView } from './ManagerView'

export default function ManagerPage() {
  const me = useCloud(loadMe)
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View className='jdq-page'>
      <ManagerView me={me} onRetry={() => void me.reload()} onOpenReview={() => void Taro.navigateTo({ url: '/manager/pages/review/index' })}
        onOpenCadres={() => void Taro.navigateTo({ url: '/manager/pages/cadres/index' })}
        onOpenCases={() => void Taro.navigateTo({ url: '/manager/pages/cases/index' })}
      />
    </View>
  )
}
