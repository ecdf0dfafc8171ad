import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePaged } from '../../../hooks/usePaged'
import { callCloud } from '../../../services/cloud'
import { VisitsView } from './VisitsView'

/** 走访记录. On open: `visit.list` (first page); more pages on reaching the bottom. */
export default function VisitsPage() {
  const list = usePaged((cursor) => callCloud('visit', 'list', { limit: 20, ...(cursor ? { cursor } : {}) }))
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  return (
    <View className='jdq-page'>
      <VisitsView
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/visit/index?id=${encodeURIComponent(id)}` })}
        onCheckIn={() => void Taro.navigateTo({ url: '/pages/checkin/index' })}
      />
    </View>
  )
}
