import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../hooks/useCloud'
import { loadMe } from '../../services/me'
import { HomeView } from './HomeView'

export default function IndexPage() {
  const me = useCloud(loadMe)
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View className='jdq-page'>
      <HomeView
        me={me}
        onRetry={() => void me.reload()}
        onOpenManager={() => void Taro.navigateTo({ url: '/manager/pages/index/index' })}
      />
    </View>
  )
}
