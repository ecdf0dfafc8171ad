import { useEffect, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../../hooks/useCloud'
import { usePaged } from '../../../hooks/usePaged'
import { callCloud } from '../../../services/cloud'
import { CadreLiangLianView, CadresView } from './CadresView'

/**
 * 干部和联系点, two views of one page:
 *  - no params: the manager's cadres, `points.listCadres` (paged; more on reaching the bottom);
 *  - ?cadreId=: that cadre's 两联, `points.overview {cadreId}`, again when back from the point form.
 */
export default function CadresPage() {
  const { params } = useRouter()
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : ''
  return cadreId ? <CadreLiangLian cadreId={cadreId} /> : <CadreList />
}

function CadreList() {
  const list = usePaged((cursor) => callCloud('points', 'listCadres', { limit: 20, ...(cursor ? { cursor } : {}) }))
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  return (
    <View className='jdq-page'>
      <CadresView
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onOpen={(id) => void Taro.navigateTo({ url: `/manager/pages/cadres/index?cadreId=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}

function CadreLiangLian({ cadreId }: { cadreId: string }) {
  const overview = useCloud(() => callCloud('points', 'overview', { cadreId }), [cadreId])
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void overview.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void overview.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const name = overview.data?.cadre.name
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name}的两联` })
  }, [name])
  const cadre = encodeURIComponent(cadreId)
  return (
    <View className='jdq-page'>
      <CadreLiangLianView
        overview={overview}
        onRetry={() => void overview.reload()}
        onAddPoint={() => void Taro.navigateTo({ url: `/manager/pages/point/index?cadreId=${cadre}` })}
        onEditPoint={(pointId) => void Taro.navigateTo({ url: `/manager/pages/point/index?pointId=${encodeURIComponent(pointId)}&cadreId=${cadre}` })}
      />
    </View>
  )
}
