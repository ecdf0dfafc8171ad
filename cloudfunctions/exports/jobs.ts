import type { ExportJob, ExportJobStatus, ExportKind } from '@/types/exports'
import { cloud } from '../_lib/cloud'
import type { PageCursor } from './sources'
import { iso } from '../_lib/iso'
import { byId } from '../_lib/by-id'

export interface ExportJobDoc {
  /** `${ownerId}_${jobId}` */
  _id: string
  jobId: string
  ownerId: string
  ownerName: string
  kind: ExportKind
  orgId: string
  orgName: string
  orgPath: string[]
  period: string
  /** pack of one cadre / survey answers (absent on other kinds). */
  cadreId?: string | null
  surveyId?: string | null
  status: ExportJobStatus
  /** Paging the data into staged parts, then writing the .xlsx from them. */
  phase: 'paging' | 'assembling'
  /** Rows staged so far (progress; may run ahead of rowsSaved while a call works). */
  rowsDone: number
  /** Rows in the uploaded parts: where a resumed call starts counting. */
  rowsSaved: number
  estimatedTotal: number
  /** The last row of the last saved part. */
  cursor: PageCursor | null
  /** Staged rows (JSON lines) kept in cloud storage between calls. */
  parts: { fileID: string; rows: number }[]
  /** A call is working on it until then (a second `continue` leaves it alone). */
  leaseUntil: Date | null
  fileID: string | null
  fileName: string | null
  size: number | null
  error: string | null
  createdAt: Date
  updatedAt: Date
  finishedAt: Date | null
}

export const jobDocId = (ownerId: string, jobId: string) => `${ownerId}_${jobId}`
/** A call never lives longer than the function's 60 s timeout: a lease past that is a dead call's. */
export const LEASE_MS = 70_000
export const URL_MAX_AGE_S = 3600

export async function findJob(id: string): Promise<ExportJobDoc | null> {
  const doc = await byId<ExportJobDoc>('exportJobs', id)
  return doc ?? null
}

/** Temporary links for finished jobs' files, in one request. */
export async function fileUrls(docs: ExportJobDoc[]): Promise<Map<string, string>> {
  const ids = docs.filter((d) => d.status === 'done' && d.fileID).map((d) => d.fileID!)
  const out = new Map<string, string>()
  if (!ids.length) return out
  const res = (await cloud.getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: URL_MAX_AGE_S })) })) as {
    fileList: { fileID: string; tempFileURL: string; status: number }[]
  }
  for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
  return out
}

export function toJob(d: ExportJobDoc, urls: Map<string, string>, now: Date): ExportJob {
  const leased = d.leaseUntil !== null && new Date(d.leaseUntil).getTime() > now.getTime()
  return {
    jobId: d.jobId,
    kind: d.kind,
    orgId: d.orgId,
    orgName: d.orgName,
    period: d.period,
    status: d.status,
    rowsDone: d.rowsDone,
    estimatedTotal: d.estimatedTotal,
    needsContinue: d.status === 'running' && !leased,
    fileName: d.fileName,
    size: d.size,
    url: d.fileID ? (urls.get(d.fileID) ?? null) : null,
    error: d.error,
    createdAt: iso(d.createdAt)!,
    finishedAt: iso(d.finishedAt)
  }
}

export async function answer(d: ExportJobDoc, now: Date): Promise<ExportJob> {
  return toJob(d, await fileUrls([d]), now)
}
