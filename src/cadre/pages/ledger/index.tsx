import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { DemandFilter } from '../../../../types/service'
import { usePaged } from '../../../hooks/usePaged'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { LedgerView, type NewDemandForm } from './LedgerView'

const emptyForm: NewDemandForm = { open: false, area: null, urgency: 'general', text: '' }

/** 群众诉求台账. On open and on a filter change: `demands.list`; more on reaching the bottom. */
export default function LedgerPage() {
  const [filter, setFilter] = useState<DemandFilter>('active')
  const list = usePaged((cursor) => callCloud('demands', 'list', { filter, limit: 20, ...(cursor ? { cursor } : {}) }), [filter])
  const [form, setForm] = useState<NewDemandForm>(emptyForm)
  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string | null>(null)
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  const create = async () => {
    if (!form.area) return setCreateError('请选择类别')
    if (!form.text.trim()) return setCreateError('请填写问题描述')
    setCreating(true)
    setCreateError(null)
    try {
      await callCloud('demands', 'create', { area: form.area, urgency: form.urgency, text: form.text.trim() })
      setForm(emptyForm)
      await list.reload()
    } catch (err) {
      setCreateError(toCloudError(err).message)
    } finally {
      setCreating(false)
    }
  }

  return (
    <View className='jdq-page'>
      <LedgerView
        filter={filter}
        onFilter={setFilter}
        list={list}
        onRetry={() => void list.reload()}
        onMore={() => void list.loadMore()}
        onOpen={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
        form={form}
        onForm={(u) => setForm(u)}
        onCreate={() => void create()}
        creating={creating}
        createError={createError}
      />
    </View>
  )
}
