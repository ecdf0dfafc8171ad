import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { outbox, type OutboxState } from '@/src/services/outbox'
import { offlineHours } from '@/src/services/offline-cache'
import { storageUsage } from '@/src/services/local-store'
import { OutboxView } from './OutboxView'

/** 待上传: the outbox on this phone. On show: what waits is sent (when there is signal). */
export default function OutboxPage() {
  const box = outbox()
  const [state, setState] = useState<OutboxState>(() => box.state())
  const [uploading, setUploading] = useState(false)
  useEffect(() => box.subscribe(setState), [box])

  const upload = async () => {
    setUploading(true)
    try {
      const report = await box.flush()
      if (report.sent.length === 0 && report.kept > 0) void Taro.showToast({ title: '还没有信号，稍后会自动再传', icon: 'none' })
    } finally {
      setUploading(false)
      setState(box.state())
    }
  }

  useDidShow(() => {
    setState(box.state())
    if (box.state().pending.length > 0) void upload()
  })

  return (
    <View className='jdq-page'>
      <OutboxView
        state={state}
        uploading={uploading}
        onUpload={() => void upload()}
        onDismiss={(key) => box.dismiss(key)}
        offlineHours={offlineHours()}
        usage={storageUsage()}
      />
    </View>
  )
}
