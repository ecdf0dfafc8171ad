import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePagedPage } from '../../../hooks/usePagedPage'
import { callCloud } from '../../../services/cloud'
import { VisitsView } from './VisitsView'

/** 走访记录. On open: `visit.list` (first page); more pages on reaching the bottom. */
export default function VisitsPage() {
  const list = usePagedPage((cursor) => callCloud('visit', 'list', { limit: 20, ...(cursor ? { cursor } : {}) }))
  return (
    <View className='jdq-page'>
      <VisitsView
        {...list.view}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/visit/index?id=${encodeURIComponent(id)}` })}
        onCheckIn={() => void Taro.navigateTo({ url: '/pages/checkin/index' })}
      />
    </View>
  )
}
