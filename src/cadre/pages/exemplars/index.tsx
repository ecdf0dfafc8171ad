import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Exemplar } from '@/types/exemplars'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh, useReloadOnShow } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { isManager, loadMe } from '@/src/services/me'
import { ExemplarsView } from './ExemplarsView'

/**
 * 典型引路, for everyone of the system (cadres and managers). On open: `exemplars.feed`; more by cursor.
 * Managers also get 推荐典型 (the picker in the manager subpackage) and 撤下 on cases of their units (`exemplars.unmark`).
 */
export default function ExemplarsPage() {
  const me = useCloud(loadMe)
  const list = usePaged((cursor) => callCloud('exemplars', 'feed', { limit: 10, ...(cursor ? { cursor } : {}) }))
  const [removing, setRemoving] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  usePageRefresh(
    () => list.reload(),
    () => list.loadMore()
  )
  useReloadOnShow(list.reload)

  const remove = async (e: Exemplar) => {
    const ok = await Taro.showModal({ title: '撤下这个典型？', content: `“${e.title}”将不再出现在典型引路中。`, confirmText: '撤下', cancelText: '不撤' })
    if (!ok.confirm) return
    setRemoving(e.id)
    setError(null)
    try {
      await callCloud('exemplars', 'unmark', { exemplarId: e.id })
      list.setItems((items) => items.filter((i) => i.id !== e.id))
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setRemoving(null)
    }
  }

  return (
    <View className='jdq-page'>
      <ExemplarsView
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onPick={me.data && isManager(me.data.role) ? () => void Taro.navigateTo({ url: '/manager/pages/exemplar-pick/index' }) : undefined}
        onRemove={(e) => void remove(e)}
        removing={removing}
        error={error}
      />
    </View>
  )
}
