import { useEffect, useMemo, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import type { ExportJob, ExportKind } from '../../../../types/exports'
import { useCloud } from '../../../hooks/useCloud'
import { usePageRefresh } from '../../../hooks/usePagedPage'
import { CloudError, callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { newSubmissionId } from '../../../services/outbox'
import { openExportFile, periodOptions } from '../../../services/export-file'
import { ExportsView } from './ExportsView'

/** One call may work up to ~45 s in the cloud (the function's limit is 60 s). */
const LONG_CALL = { timeoutMs: 70_000, retry: true }
const POLL_MS = 1500
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * 导出报表. On open: `exports.list`. 生成报表: `exports.start` (a job id made here, so a retry starts nothing new)
 * while `exports.status` is polled for progress; when a call hands back (`needsContinue`), `exports.continue` until
 * done. Open: Taro.downloadFile + openDocument on WeChat, a download link in the browser.
 */
export default function ExportsPage() {
  const periods = useMemo(() => periodOptions(new Date()), [])
  const [kind, setKind] = useState<ExportKind>('demands')
  const [period, setPeriod] = useState(periods[3].value)
  const [job, setJob] = useState<ExportJob | null>(null)
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [opening, setOpening] = useState<string | null>(null)
  const recent = useCloud(() => callCloud('exports', 'list', { limit: 10 }))
  usePageRefresh(recent.reload)
  const alive = useRef(true)
  useEffect(() => () => void (alive.current = false), [])

  const run = async (jobId: string, first: () => Promise<ExportJob>) => {
    setWorking(true)
    setError(null)
    let settled = false
    const poll = setInterval(() => {
      void callCloud('exports', 'status', { jobId }).then(
        (j) => {
          if (alive.current && !settled) setJob(j)
        },
        () => undefined
      )
    }, POLL_MS)
    try {
      let j = await first()
      for (let i = 0; i < 60 && j.status === 'running'; i++) {
        if (alive.current) setJob(j)
        if (j.needsContinue) j = await callCloud('exports', 'continue', { jobId }, LONG_CALL)
        else {
          // Another call is working on it (a second tap elsewhere): wait and look again.
          await sleep(POLL_MS)
          j = await callCloud('exports', 'status', { jobId })
        }
      }
      settled = true
      if (alive.current) setJob(j)
    } catch (err) {
      if (alive.current) setError(toCloudError(err).message)
    } finally {
      settled = true
      clearInterval(poll)
      if (alive.current) {
        setWorking(false)
        void recent.reload()
      }
    }
  }

  const start = () => {
    const jobId = newSubmissionId()
    setJob(null)
    void run(jobId, () => callCloud('exports', 'start', { jobId, kind, period }, LONG_CALL))
  }
  const resume = () => {
    if (job) void run(job.jobId, () => callCloud('exports', 'continue', { jobId: job.jobId }, LONG_CALL))
  }
  const open = async (j: ExportJob) => {
    setOpening(j.jobId)
    setError(null)
    try {
      const url = j.url ?? (await callCloud('exports', 'status', { jobId: j.jobId })).url
      if (!url || !j.fileName) throw new CloudError('NOT_FOUND', '文件还没有生成好，请稍后再试')
      await openExportFile(url, j.fileName)
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setOpening(null)
    }
  }

  return (
    <View className='jdq-page'>
      <ExportsView
        kind={kind}
        onKind={setKind}
        period={period}
        periods={periods}
        onPeriod={setPeriod}
        job={job}
        working={working}
        error={error}
        onStart={start}
        onContinue={resume}
        onOpen={(j) => void open(j)}
        opening={opening}
        recent={recent}
        onRetry={() => void recent.reload()}
      />
    </View>
  )
}
