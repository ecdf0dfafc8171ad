import { useEffect, useRef, useState } from 'react'
import type { ExportJob } from '@/types/exports'
import type { ActionInput } from '@/types/api'
import { CloudError, callCloud } from '../services/cloud'
import { toCloudError } from '../services/reply'
import { newSubmissionId } from '../services/outbox'
import { openExportFile } from '../services/export-file'

/** One call may work up to ~45 s in the cloud (the function's limit is 60 s). */
const LONG_CALL = { timeoutMs: 70_000, retry: true }
const POLL_MS = 1500
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ExportRun {
  job: ExportJob | null
  working: boolean
  error: string | null
  opening: string | null
  /** Starts an export (a job id made here, so a retry starts nothing new) and follows it until done. */
  start: (what: Omit<ActionInput<'exports', 'start'>, 'jobId'>) => void
  /** Goes on with a job a call handed back. */
  resume: () => void
  /** Opens a finished job's file (openDocument on WeChat, a download in the browser). */
  open: (job: ExportJob) => Promise<void>
}

/**
 * An export job from start to file: `exports.start`, then `exports.continue` whenever a call hands back, with
 * `exports.status` polled for progress meanwhile. `onSettled` runs when the run ends (e.g. to reload a list).
 */
export function useExportJob(onSettled?: () => void): ExportRun {
  const [job, setJob] = useState<ExportJob | null>(null)
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [opening, setOpening] = useState<string | null>(null)
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
        onSettled?.()
      }
    }
  }

  return {
    job,
    working,
    error,
    opening,
    start(what) {
      const jobId = newSubmissionId()
      setJob(null)
      void run(jobId, () => callCloud('exports', 'start', { ...what, jobId }, LONG_CALL))
    },
    resume() {
      if (job) void run(job.jobId, () => callCloud('exports', 'continue', { jobId: job.jobId }, LONG_CALL))
    },
    async open(j) {
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
  }
}
