import { useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { isManager, loadMe } from '@/src/services/me'
import { recentMonths } from '../../format'
import { VoicesView } from './VoicesView'

/** 三问记录. On open: `user.me`, then `voices.list` for the month: a cadre's own, a manager's unit and all below. */
export default function VoicesPage() {
  const { params } = useRouter()
  const months = useMemo(() => recentMonths(new Date()), [])
  const [month, setMonth] = useState(params.month ?? months[0].value)
  const me = useCloud(loadMe)
  // A manager reads their unit's whole subtree; a cadre their own records.
  const orgId = me.data && isManager(me.data.role) ? me.data.org?.id : undefined
  const ready = Boolean(me.data)
  const list = usePagedPage(
    (cursor) =>
      ready
        ? callCloud('voices', 'list', { month, limit: 20, ...(orgId ? { orgId } : {}), ...(cursor ? { cursor } : {}) })
        : new Promise<never>(() => undefined),
    [month, orgId, ready]
  )
  return (
    <View className='jdq-page'>
      <VoicesView
        months={months}
        month={month}
        onMonth={(m) => {
          list.setItems(() => [])
          setMonth(m)
        }}
        {...list.view}
      />
    </View>
  )
}
