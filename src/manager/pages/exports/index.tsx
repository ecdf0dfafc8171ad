import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import type { ExportKind } from '@/types/exports'
import { useCloud } from '@/src/hooks/useCloud'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { useExportJob } from '@/src/hooks/useExportJob'
import { callCloud } from '@/src/services/cloud'
import { periodOptions } from '@/src/services/export-file'
import { ExportsView } from './ExportsView'

/**
 * 导出报表. On open: `exports.list`. 生成报表: `exports.start` (a job id made here, so a retry starts nothing new)
 * while `exports.status` is polled for progress; when a call hands back (`needsContinue`), `exports.continue` until
 * done (src/hooks/useExportJob.ts). Open: Taro.downloadFile + openDocument on WeChat, a download link in the browser.
 */
export default function ExportsPage() {
  const periods = useMemo(() => periodOptions(new Date()), [])
  const [kind, setKind] = useState<ExportKind>('demands')
  const [period, setPeriod] = useState(periods[3].value)
  const recent = useCloud(() => callCloud('exports', 'list', { limit: 10 }))
  usePageRefresh(recent.reload)
  const run = useExportJob(() => void recent.reload())

  return (
    <View className='jdq-page'>
      <ExportsView
        kind={kind}
        onKind={setKind}
        period={period}
        periods={periods}
        onPeriod={setPeriod}
        job={run.job}
        working={run.working}
        error={run.error}
        onStart={() => run.start({ kind, period })}
        onContinue={run.resume}
        onOpen={(j) => void run.open(j)}
        opening={run.opening}
        recent={recent}
        onRetry={() => void recent.reload()}
      />
    </View>
  )
}
