import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { loadMe } from '@/src/services/me'
import { ManagerView, entryUrl } from './ManagerView'

export default function ManagerPage() {
  const me = useCloud(loadMe)
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View className='jdq-page'>
      <ManagerView me={me} onRetry={() => void me.reload()} onOpen={(key) => void Taro.navigateTo({ url: entryUrl(key) })} />
    </View>
  )
}
