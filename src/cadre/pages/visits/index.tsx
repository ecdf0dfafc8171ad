import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { loadVisitsCached } from '@/src/services/offline-cache'
import { VisitsView } from './VisitsView'

/** 走访记录. On open: `visit.list` (first page); more pages on reaching the bottom. */
export default function VisitsPage() {
  // The first page is kept on the phone (the recent visits, for writing their records offline).
  const list = usePagedPage((cursor) => (cursor ? callCloud('visit', 'list', { limit: 20, cursor }) : loadVisitsCached()))
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
