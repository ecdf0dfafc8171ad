import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef } from 'react'
import { usePaged } from '../../../hooks/usePaged'
import { callCloud } from '../../../services/cloud'
import { DiaryView } from './DiaryView'

/** 民情日记. On open: `diary.list` (first page); more on reaching the bottom; again when back from the editor. */
export default function DiaryPage() {
  const list = usePaged((cursor) => callCloud('diary', 'list', { limit: 20, ...(cursor ? { cursor } : {}) }))
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  return (
    <View className='jdq-page'>
      <DiaryView
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/diary-edit/index?id=${encodeURIComponent(id)}` })}
        onWrite={() => void Taro.navigateTo({ url: '/cadre/pages/diary-edit/index' })}
        onReports={() => void Taro.navigateTo({ url: '/cadre/pages/reports/index' })}
      />
    </View>
  )
}
