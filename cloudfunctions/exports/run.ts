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
import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import { exportKinds } from '@/types/exports'
import { cloud } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { rows } from '../_lib/query'
import { collectGarbage } from '../_lib/memory'
import type { OrgDoc } from '../_lib/collections'
import type { ExportJobDoc } from './jobs'
import { LEASE_MS } from './jobs'
import { periodRange, periodWords } from './period'
import { sources, type Cell, type ExtraSheet, type Scope } from './sources'

/**
 * Rows per database read. Far under the cloud's maximum (1000): an instance holds one page's documents at a time,
 * and smaller pages leave less garbage for the collector to catch up with in a 256 MB instance.
 */
export const PAGE = 250
/**
 * Staged rows per part in cloud storage (about 3 MB): uploading a file costs about its size in memory, so parts stay
 * small whatever the export's size, and a call that ends early has saved all but the last part's rows.
 */
export const PART_ROWS = 5000
/** A collection every so many pages (_lib/memory.ts). */
const GC_EVERY_PAGES = 8
/** Paging time per call by default (the client may ask for less); the rest of the 60 s is for the .xlsx. */
export const STEP_MS = 30_000
/** The whole call stays under this; writing the .xlsx is estimated per row (measured: see the report). */
const CALL_BUDGET_MS = 45_000
const ASSEMBLE_MS_PER_ROW = 0.12

const write = async (out: WriteStream, line: string) => {
  if (!out.write(line)) await once(out, 'drain')
}
const close = (out: WriteStream) =>
  out.writableEnded ? Promise.resolve() : new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))

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
    phases.push(
      `${name} ${Date.now() - started} ms rss ${Math.round(m.rss / 1048576)} heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} ext ${Math.round(m.external / 1048576)}`
    )
  }
  const source = sources[job.kind]
  const dir = mkdtempSync(path.join(tmpdir(), 'jdq-export-'))
  let current = job
  try {
    if (!source) throw new Error(`no source for ${job.kind}`)
    const scope = await scopeOf(job, new Date())
    const stage = path.join(dir, 'stage.jsonl')
    if (job.phase === 'paging') {
      let out = createWriteStream(stage)
      let inStage = 0
      let stageCursor = job.cursor
      let through = false
      let pages = 0
      /** The staged rows go to storage as a part, and the job records them with the cursor after them. */
      const savePart = async (patch: Partial<ExportJobDoc> = {}) => {
        await close(out)
        const parts = [...current.parts]
        if (inStage > 0) {
          const cloudPath = `exports/${job.ownerId}/${job.jobId}/part-${parts.length + 1}.jsonl`
          const res = (await cloud.uploadFile({ cloudPath, fileContent: createReadStream(stage) })) as { fileID: string }
          parts.push({ fileID: res.fileID, rows: inStage })
        }
        const rowsSaved = current.rowsSaved + inStage
        const now = new Date()
        current = {
          ...current,
          parts,
          cursor: stageCursor,
          rowsSaved,
          rowsDone: rowsSaved,
          updatedAt: now,
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          ...patch
        }
        await saveJob(job, current)
        inStage = 0
        collectGarbage()
      }
      try {
        for (;;) {
          const page = await source.page(scope, stageCursor, PAGE, current.rowsSaved + inStage)
          for (const r of page.rows) await write(out, JSON.stringify(r) + '\n')
          if (++pages % GC_EVERY_PAGES === 0) collectGarbage()
          inStage += page.rows.length
          if (page.cursor) stageCursor = page.cursor
          if (page.rows.length < PAGE) {
            through = true
            break
          }
          if (inStage >= PART_ROWS) {
            await savePart()
            out = createWriteStream(stage)
          } else {
            // Progress for the page that polls `status`, and the lease renewed while the call lives.
            const now = new Date()
            await collection('exportJobs')
              .doc(job._id)
              .update({ data: { rowsDone: current.rowsSaved + inStage, updatedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS) } })
          }
          if (Date.now() - started >= stepMs) break
        }
      } finally {
        await close(out)
      }
      const total = current.rowsSaved + inStage
      const fits = Date.now() - started + total * ASSEMBLE_MS_PER_ROW < CALL_BUDGET_MS
      if (!through || !fits) {
        // Hand back: keep what was staged in cloud storage, and where it stopped.
        await savePart({ phase: through ? 'assembling' : 'paging', leaseUntil: null })
        return current
      }
    }
    // Everything is staged (parts in storage, the rest here): write the workbook and upload it.
    phase('staged')
    const file = path.join(dir, 'export.xlsx')
    const columns = source.columnsFor ? await source.columnsFor(scope) : source.columns
    const extras = source.extraSheets ? await source.extraSheets(scope) : []
    const total = await assemble(
      source.sheet,
      columns,
      current.parts.map((p) => p.fileID),
      job.phase === 'paging' ? stage : null,
      file,
      extras
    )
    phase('assembled')
    collectGarbage()
    const fileName =
      job.kind === 'survey' ? `${exportKinds.survey}_${job.orgName}.xlsx` : `${exportKinds[job.kind]}_${job.orgName}_${periodWords(job.period)}.xlsx`
    const cloudPath = `exports/${job.ownerId}/${job.jobId}.xlsx`
    const res = (await cloud.uploadFile({ cloudPath, fileContent: createReadStream(file) })) as { fileID: string }
    phase('uploaded')
    const now = new Date()
    const staged = current.parts
    current = {
      ...current,
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
    if (staged.length) await Promise.resolve(cloud.deleteFile({ fileList: staged.map((p) => p.fileID) })).catch(() => undefined)
    return current
  } catch (err) {
    console.error(`[exports] job ${job._id} failed`, err)
    const now = new Date()
    const failed: ExportJobDoc = { ...current, status: 'failed', error: '生成报表时出了问题，请重新导出', leaseUntil: null, updatedAt: now, finishedAt: now }
    await saveJob(job, failed)
    return failed
  } finally {
    rmSync(dir, { recursive: true, force: true })
    const m = process.memoryUsage()
    const mb = (n: number) => Math.round(n / 1048576)
    console.log(
      `[exports] ${job._id}: ${Date.now() - started} ms; memory rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB; ${phases.join('; ')}`
    )
  }
}

const linesOf = (input: NodeJS.ReadableStream) => createInterface({ input, crlfDelay: Infinity })

/** A staged part in cloud storage as a byte stream, from its temporary link (no whole-file buffer). */
async function partStream(fileID: string): Promise<IncomingMessage> {
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] })) as { fileList: { tempFileURL: string; status: number }[] }
  const url = res.fileList[0]?.tempFileURL
  if (!url) throw new Error(`no temporary link for ${fileID}`)
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsGet : httpGet)(url, (r) =>
      r.statusCode === 200 ? resolve(r) : reject(new Error(`part ${fileID}: HTTP ${r.statusCode}`))
    )
    req.on('error', reject)
  })
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
async function assemble(
  sheet: string,
  columns: { header: string; width: number }[],
  parts: string[],
  local: string | null,
  file: string,
  extras: ExtraSheet[] = []
): Promise<number> {
  // Loaded here, not at module load: exceljs is a megabyte of script no other action needs (cold start; the build
  // puts it in a file of its own, scripts/build-functions.ts).
  // The paging calls run without it too (it is a good part of the instance's memory).
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
    if (n % 5000 === 0) collectGarbage()
  }
  // Parts saved by earlier calls are read as streams from their temporary links, a line at a time: a part is tens of
  // megabytes at 100,000 rows, and `downloadFile` would hold it (and its split lines) whole.
  for (const fileID of parts) {
    for await (const line of linesOf(await partStream(fileID))) await add(line)
    collectGarbage()
  }
  if (local) for await (const line of linesOf(createReadStream(local))) await add(line)
  ws.commit()
  await wb.commit()
  return n
}
