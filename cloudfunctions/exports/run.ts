/**
 * Doing an export within one call's time: page through the scope in index order, appending rows as JSON lines to
 * a temp file (os.tmpdir(), never the whole data in memory); when the data is through, write the .xlsx with
 * exceljs's streaming WorkbookWriter from the staged lines and upload it as a file stream. If the call runs out of
 * its paging time first, the staged lines go to cloud storage as a part and the cursor into the job: the client
 * calls `continue`, and whichever instance takes it goes on from there (temp files do not survive instances).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { exportKinds } from '../../types/exports'
import { cloud } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { rows } from '../_lib/query'
import type { OrgDoc } from '../_lib/collections'
import type { ExportJobDoc } from './jobs'
import { LEASE_MS } from './jobs'
import { periodRange, periodWords } from './period'
import { sources, type Cell, type ExtraSheet, type Scope } from './sources'

/** Rows per database read: the cloud's server-side maximum is 1000. */
export const PAGE = 1000
/** Paging time per call by default (the client may ask for less); the rest of the 60 s is for the .xlsx. */
export const STEP_MS = 30_000
/** The whole call stays under this; writing the .xlsx is estimated per row (measured: see the report). */
const CALL_BUDGET_MS = 45_000
const ASSEMBLE_MS_PER_ROW = 0.12

const write = async (out: WriteStream, line: string) => {
  if (!out.write(line)) await once(out, 'drain')
}
const close = (out: WriteStream) => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))

export async function scopeOf(job: Pick<ExportJobDoc, 'orgId' | 'period' | 'cadreId' | 'surveyId'>, now: Date): Promise<Scope> {
  const { from, to } = periodRange(job.period)
  // A system's tree is one province, its prefectures and counties: well under a page.
  const orgs = await rows<OrgDoc>(collection('orgs').where({ path: job.orgId }).limit(1000))
  const level = orgs.find((o) => o._id === job.orgId)?.level ?? 'county'
  return {
    orgId: job.orgId,
    period: job.period,
    level,
    from,
    to,
    orgNames: new Map(orgs.map((o) => [o._id, o.name])),
    now,
    ...(job.cadreId ? { cadreId: job.cadreId } : {}),
    ...(job.surveyId ? { surveyId: job.surveyId } : {})
  }
}

const saveJob = (job: ExportJobDoc, patch: Partial<ExportJobDoc>) => {
  const { _id, ...rest } = { ...job, ...patch }
  return collection('exportJobs').doc(_id).set({ data: rest })
}

/** Works on a leased job until it is done or the call's time is used; returns the job as saved. */
export async function work(job: ExportJobDoc, stepMs: number = STEP_MS): Promise<ExportJobDoc> {
  const started = Date.now()
  const phases: string[] = []
  const phase = (name: string) => {
    const m = process.memoryUsage()
    phases.push(`${name} ${Date.now() - started} ms rss ${Math.round(m.rss / 1048576)} heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} ext ${Math.round(m.external / 1048576)}`)
  }
  const source = sources[job.kind]
  const dir = mkdtempSync(path.join(tmpdir(), 'jdq-export-'))
  try {
    if (!source) throw new Error(`no source for ${job.kind}`)
    const scope = await scopeOf(job, new Date())
    let current = job
    const stage = path.join(dir, 'stage.jsonl')
    let staged = 0
    if (job.phase === 'paging') {
      const out = createWriteStream(stage)
      let cursor = job.cursor
      let through = false
      try {
        for (;;) {
          const page = await source.page(scope, cursor, PAGE, job.rowsSaved + staged)
          for (const r of page.rows) await write(out, JSON.stringify(r) + '\n')
          staged += page.rows.length
          if (page.cursor) cursor = page.cursor
          if (page.rows.length < PAGE) {
            through = true
            break
          }
          // Progress for the page that polls `status`, and the lease renewed while the call lives.
          const now = new Date()
          await collection('exportJobs').doc(job._id).update({ data: { rowsDone: job.rowsSaved + staged, updatedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS) } })
          if (Date.now() - started >= stepMs) break
        }
      } finally {
        await close(out)
      }
      const total = job.rowsSaved + staged
      const fits = Date.now() - started + total * ASSEMBLE_MS_PER_ROW < CALL_BUDGET_MS
      if (!through || !fits) {
        // Hand back: keep what was staged in cloud storage, and where it stopped.
        const parts = [...job.parts]
        if (staged > 0) {
          const cloudPath = `exports/${job.ownerId}/${job.jobId}/part-${parts.length + 1}.jsonl`
          const res = (await cloud.uploadFile({ cloudPath, fileContent: createReadStream(stage) })) as { fileID: string }
          parts.push({ fileID: res.fileID, rows: staged })
        }
        const now = new Date()
        current = { ...job, parts, cursor, rowsSaved: total, rowsDone: total, phase: through ? 'assembling' : 'paging', leaseUntil: null, updatedAt: now }
        await saveJob(job, current)
        return current
      }
    }
    // Everything is staged (parts in storage, the rest here): write the workbook and upload it.
    phase('staged')
    const file = path.join(dir, 'export.xlsx')
    const columns = source.columnsFor ? await source.columnsFor(scope) : source.columns
    const extras = source.extraSheets ? await source.extraSheets(scope) : []
    const total = await assemble(source.sheet, columns, job.parts.map((p) => p.fileID), job.phase === 'paging' ? stage : null, file, extras)
    phase('assembled')
    const fileName = job.kind === 'survey' ? `${exportKinds.survey}_${job.orgName}.xlsx` : `${exportKinds[job.kind]}_${job.orgName}_${periodWords(job.period)}.xlsx`
    const cloudPath = `exports/${job.ownerId}/${job.jobId}.xlsx`
    const res = (await cloud.uploadFile({ cloudPath, fileContent: createReadStream(file) })) as { fileID: string }
    phase('uploaded')
    const now = new Date()
    current = {
      ...job,
      status: 'done',
      rowsDone: total,
      rowsSaved: total,
      parts: [],
      leaseUntil: null,
      fileID: res.fileID,
      fileName,
      size: statSync(file).size,
      updatedAt: now,
      finishedAt: now
    }
    await saveJob(job, current)
    if (job.parts.length) await Promise.resolve(cloud.deleteFile({ fileList: job.parts.map((p) => p.fileID) })).catch(() => undefined)
    return current
  } catch (err) {
    console.error(`[exports] job ${job._id} failed`, err)
    const now = new Date()
    const failed: ExportJobDoc = { ...job, status: 'failed', error: '生成报表时出了问题，请重新导出', leaseUntil: null, updatedAt: now, finishedAt: now }
    await saveJob(job, failed)
    return failed
  } finally {
    rmSync(dir, { recursive: true, force: true })
    const m = process.memoryUsage()
    const mb = (n: number) => Math.round(n / 1048576)
    console.log(`[exports] ${job._id}: ${Date.now() - started} ms; memory rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB; ${phases.join('; ')}`)
  }
}

/**
 * exceljs hands each committed row's XML to the sheet's zip entry without waiting for it to be compressed
 * (StreamBuf ignores back-pressure), so a fast producer piles the whole sheet up in memory (measured: +74 MB
 * per 100,000 rows). Waiting for the entry's pass-through stream to drain keeps it under about a megabyte.
 */
async function drained(ws: object): Promise<void> {
  const pipe = ((ws as { stream?: unknown }).stream as { pipes?: (NodeJS.EventEmitter & { _writableState?: { length: number } })[] }).pipes?.[0]
  if (pipe?._writableState && pipe._writableState.length > 1 << 20) await once(pipe, 'drain')
}

/** Streams staged rows into an .xlsx file: one committed row at a time, nothing kept in memory. */
async function assemble(sheet: string, columns: { header: string; width: number }[], parts: string[], local: string | null, file: string, extras: ExtraSheet[] = []): Promise<number> {
  // Loaded here, not at module load: exceljs is a megabyte of script no other action needs (cold start; the build
  // puts it in a file of its own, scripts/build-functions.ts).
  const { default: WorkbookWriter } = await import('exceljs/lib/stream/xlsx/workbook-writer')
  const wb = new WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false })
  wb.creator = '接地气'
  for (const x of extras) {
    const xs = wb.addWorksheet(x.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
    xs.columns = x.columns.map((c) => ({ header: c.header, width: c.width }))
    xs.getRow(1).font = { bold: true }
    xs.getRow(1).commit()
    for (const r of x.rows) xs.addRow(r).commit()
    xs.commit()
  }
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  let n = 0
  const add = async (line: string) => {
    if (!line) return
    ws.addRow(JSON.parse(line) as Cell[]).commit()
    if (++n % 200 === 0) await drained(ws)
  }
  for (const fileID of parts) {
    const res = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer }
    const buf = res.fileContent
    let start = 0
    for (let i = buf.indexOf(10, start); i >= 0; i = buf.indexOf(10, start)) {
      await add(buf.toString('utf8', start, i))
      start = i + 1
    }
    await add(buf.toString('utf8', start))
  }
  if (local) {
    const lines = createInterface({ input: createReadStream(local, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) await add(line)
  }
  ws.commit()
  await wb.commit()
  return n
}
