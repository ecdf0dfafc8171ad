import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage, usePageRefresh, useReloadOnShow } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { CadreLiangLianView, CadresView } from './CadresView'

/**
 * 干部和联系点, two views of one page:
 *  - no params: the manager's cadres, `points.listCadres` (paged; more on reaching the bottom);
 *  - ?cadreId=: that cadre's 两联, `points.overview {cadreId}`, again when back from the point form;
 *    from there the cadre's 诉求台账 (the cadre subpackage's ledger page with ?cadreId=).
 */
export default function CadresPage() {
  const { params } = useRouter()
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : ''
  return cadreId ? <CadreLiangLian cadreId={cadreId} /> : <CadreList />
}

function CadreList() {
  const list = usePagedPage((cursor) => callCloud('points', 'listCadres', { limit: 20, ...(cursor ? { cursor } : {}) }))
  return (
    <View className='jdq-page'>
      <CadresView {...list.view} onOpen={(id) => void Taro.navigateTo({ url: `/manager/pages/cadres/index?cadreId=${encodeURIComponent(id)}` })} />
    </View>
  )
}

function CadreLiangLian({ cadreId }: { cadreId: string }) {
  const overview = useCloud(() => callCloud('points', 'overview', { cadreId }), [cadreId])
  useReloadOnShow(overview.reload)
  usePageRefresh(overview.reload)
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
        onOpenLedger={() => void Taro.navigateTo({ url: `/cadre/pages/ledger/index?cadreId=${cadre}&name=${encodeURIComponent(name ?? '')}` })}
        onOpenPeriods={() => void Taro.navigateTo({ url: `/cadre/pages/periods/index?cadreId=${cadre}&name=${encodeURIComponent(name ?? '')}` })}
      />
    </View>
  )
}
