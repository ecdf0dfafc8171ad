import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { beijing } from '@/types/rules/beijing-time'
import { useCloud } from '@/src/hooks/useCloud'
import { useExportJob } from '@/src/hooks/useExportJob'
import { callCloud } from '@/src/services/cloud'
import { isManager, loadMe } from '@/src/services/me'
import { PackView } from './PackView'

/** This month, last month, this year and last year (Beijing). */
export function packPeriods(now: Date): { value: string; label: string }[] {
  const b = beijing(now)
  const last = b.subtract(1, 'month')
  return [
    { value: b.format('YYYY-MM'), label: `本月（${b.month() + 1}月）` },
    { value: last.format('YYYY-MM'), label: `上月（${last.month() + 1}月）` },
    { value: String(b.year()), label: `今年（${b.year()}年）` },
    { value: String(b.year() - 1), label: `去年（${b.year() - 1}年）` }
  ]
}

/**
 * 月度、年度工作汇总: ?cadreId= or ?orgId= (default: a cadre's own, a manager's unit). On open: `packs.get`; 导出:
 * `exports.start` kind pack; 打印: the browser's print (the page hides its buttons when printed).
 */
export default function PackPage() {
  const { params } = useRouter()
  const periods = useMemo(() => packPeriods(new Date()), [])
  const [period, setPeriod] = useState(params.period ?? periods[0].value)
  const me = useCloud(loadMe)
  const cadreId = params.cadreId ? decodeURIComponent(params.cadreId) : undefined
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : !cadreId && me.data && isManager(me.data.role) ? me.data.org?.id : undefined
  const ready = Boolean(cadreId || orgId || (me.data && !isManager(me.data.role)))
  const pack = useCloud(
    () => (ready ? callCloud('packs', 'get', { period, ...(orgId ? { orgId } : cadreId ? { cadreId } : {}) }) : new Promise<never>(() => undefined)),
    [period, orgId, cadreId, ready]
  )
  const run = useExportJob()
  const done = run.job?.status === 'done' && run.job.period === period

  return (
    <View className='jdq-page'>
      <PackView
        periods={periods}
        period={period}
        onPeriod={setPeriod}
        pack={pack}
        onRetry={() => void pack.reload()}
        onPrint={process.env.TARO_ENV === 'h5' ? () => window.print() : undefined}
        onExport={() => {
          if (done && run.job) return void run.open(run.job)
          const subject = pack.data?.scope === 'unit' ? { orgId: pack.data.subject.id } : { cadreId: pack.data?.subject.id ?? cadreId }
          run.start({ kind: 'pack', period, ...subject })
        }}
        exporting={run.working || run.opening !== null}
        exportDone={done}
        error={run.error}
        onOpenRow={(r) =>
          void Taro.navigateTo({ url: `/work/pages/pack/index?period=${period}&${r.kind === 'unit' ? 'orgId' : 'cadreId'}=${encodeURIComponent(r.id)}` })
        }
      />
    </View>
  )
}
