import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { DiaryView } from './DiaryView'

/** 民情日记. On open: `diary.list` (first page); more on reaching the bottom; again when back from the editor. */
export default function DiaryPage() {
  const list = usePagedPage((cursor) => callCloud('diary', 'list', { limit: 20, ...(cursor ? { cursor } : {}) }), [], { reloadOnShow: true })
  return (
    <View className='jdq-page'>
      <DiaryView
        {...list.view}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/diary-edit/index?id=${encodeURIComponent(id)}` })}
        onWrite={() => void Taro.navigateTo({ url: '/cadre/pages/diary-edit/index' })}
        onReports={() => void Taro.navigateTo({ url: '/cadre/pages/reports/index' })}
      />
    </View>
  )
}
