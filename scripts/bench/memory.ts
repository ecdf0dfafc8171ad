/**
 * `npm run bench:memory`: the two jobs that must fit a 256 MB cloud instance whatever the size of the province —
 * the rankings job over N cadres in ONE province (default 100,000) and an export of N demands (default 100,000) —
 * each run as the platform runs it (the job run after run, as its timer fires; the export start, then continue
 * while it hands back), with the peak resident memory (VmHWM) of the function's instances and the longest call
 * against the 60 s limit. Exits non-zero above 160 MB or past 60 s. Slow on purpose (it loads hundreds of thousands
 * of documents): it is not part of `npm run bench`, and the machine should be quiet.
 *
 *   tsx scripts/bench/memory.ts [--cadres 100000] [--demands 100000] [--only rankings|export]
 *
 * Writes .bench/memory.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { startEmulator, type TestEmulator } from '@/test/helpers/emulator'
import { callAs } from '@/test/helpers/gateway'
import { seed } from '../seed'
import { buildDemoData, demoAccounts } from '../seed/demo-data'
import { connectSdk } from '../sdk'
import { loadBatches } from './measure'
import type { Batch } from './common'
import { instancesOf, peakMB } from './proc-memory'
import type { ExportJob } from '@/types/exports'
import { beijingMonth, beijingYear } from '@/types/rules/beijing-time'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'build', 'cloudfunctions')
export const MEMORY_LIMIT_MB = 160
export const CALL_LIMIT_MS = 60_000
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

/** Samples the function's instances' peak memory every 200 ms; `peek` is the highest so far, `stop` the last word. */
function sampler(emu: TestEmulator, fn: string): { peek: () => number; stop: () => number } {
  let peak = 0
  const look = () => {
    for (const pid of instancesOf(emu.process.pid!, fn)) peak = Math.max(peak, peakMB(pid))
  }
  const timer = setInterval(look, 200)
  return {
    peek: () => peak,
    stop: () => {
      look()
      clearInterval(timer)
      return peak
    }
  }
}

/** A run the platform failed (e.g. a database request timing out on a loaded machine) is run again, as the timer would. */
const MAX_FAILED_IN_A_ROW = 3

const women = () => {
  const orgs = buildDemoData().orgs
  return { counties: orgs.filter((o) => o.level === 'county' && o.path[0] === 'org-women') }
}

/**
 * N cadres spread over the counties of one province, each with this year's visit statistics and this month's and
 * this year's service counters (ratings, a 差评 followed up, demands solved): what the job reads to score them.
 */
export function* provinceCadres(n: number, now: Date): Generator<Batch> {
  const { counties } = women()
  const year = beijingYear(now)
  const month = beijingMonth(now)
  for (let b = 0; b < n; b += 1000) {
    const users = []
    const visitStats = []
    const serviceStats = []
    for (let i = b; i < Math.min(n, b + 1000); i++) {
      const org = counties[i % counties.length]
      const id = `mem-cadre-${String(i).padStart(6, '0')}`
      const days = i % 40
      users.push({ _id: id, openid: `openid-${id}`, name: `干部${i}`, role: 'cadre', title: '干事', orgId: org._id, orgPath: org.path, createdAt: now })
      visitStats.push({
        _id: `${id}_${year}`,
        cadreId: id,
        orgId: org._id,
        orgPath: org.path,
        year,
        days,
        daysByMonth: { [month]: days },
        visits: days + 2,
        visitsByMonth: { [month]: days + 2 },
        visitsByKind: { village: days + 2 },
        fieldworkByMonth: {},
        fieldworkPending: 0,
        fieldworkApproved: 0,
        fieldworkRejected: 0,
        updatedAt: now
      })
      const ratings = i % 9
      const counts = {
        ratings,
        'level.satisfied': Math.max(0, ratings - 1),
        'level.dissatisfied': ratings ? 1 : 0,
        scoreSum: ratings * 4,
        bad: ratings ? 1 : 0,
        cases: ratings ? 1 : 0,
        revisitOnTime: ratings ? 1 : 0,
        demandsRaised: 3,
        'solved.immediate': 2
      }
      for (const period of [month, String(year)])
        serviceStats.push({ _id: `${id}_${period}`, cadreId: id, orgId: org._id, orgPath: org.path, period, counts, updatedAt: now })
    }
    yield { collection: 'users', docs: users }
    yield { collection: 'visitStats', docs: visitStats }
    yield { collection: 'serviceStats', docs: serviceStats }
  }
}

/** N ledger entries over the province's cadres (demo ones), through this year: what a province-wide export reads. */
export function* provinceDemands(n: number, now: Date): Generator<Batch> {
  const cadres = buildDemoData().users.filter((u) => u.role === 'cadre' && u.orgPath[0] === 'org-women')
  const start = Date.UTC(beijingYear(now), 0, 1) - 8 * 3_600_000
  const span = now.getTime() - start
  for (let b = 0; b < n; b += 1000) {
    const docs = []
    for (let i = b; i < Math.min(n, b + 1000); i++) {
      const c = cadres[i % cadres.length]
      const createdAt = new Date(start + Math.floor((i / n) * span))
      const done = i % 3 !== 0
      docs.push({
        _id: `mem-demand-${String(i).padStart(7, '0')}`,
        source: 'cadre',
        visitId: null,
        viaScene: null,
        residentOpenid: null,
        cadreId: c._id,
        cadreName: c.name,
        orgId: c.orgId,
        orgPath: c.orgPath,
        area: 'living',
        urgency: 'general',
        text: `群众反映小区路灯不亮、下水道堵塞，希望尽快处理（第 ${i} 件）`,
        contact: { name: '王大姐', phone: '13912345678' },
        status: done ? 'closed' : 'open',
        active: !done,
        path: done ? 'immediate' : null,
        plannedPath: null,
        department: null,
        deadlineAt: new Date(createdAt.getTime() + 7 * 86_400_000),
        finishedAt: done ? createdAt : null,
        closedAt: done ? createdAt : null,
        reply: done ? '已经修好并告知群众' : null,
        supervised: 0,
        timeline: [],
        sceneCode: null,
        rating: null,
        createdAt,
        updatedAt: createdAt
      })
    }
    yield { collection: 'demands', docs }
  }
}

export interface MemoryRow {
  job: string
  size: string
  calls: number
  maxCallMs: number
  totalSeconds: number
  peakMB: number
  detail: string
}

async function measureRankings(emu: TestEmulator, cadres: number, now: Date): Promise<MemoryRow> {
  process.stdout.write(`  loading ${cadres} cadres into one province… `)
  console.log(`${(await loadBatches(emu.url, provinceCadres(cadres, now))).toFixed(0)} s`)
  const cloud = connectSdk(emu.url)
  const memory = sampler(emu, 'rankings')
  const started = Date.now()
  let calls = 0
  let maxCallMs = 0
  let scored = 0
  let batches = 0
  const failed: string[] = []
  let inARow = 0
  for (;;) {
    const t = Date.now()
    let res: { result: { ok: boolean; data?: { done: boolean; cadres: number; batches: number }; message?: string } }
    try {
      res = (await cloud.callFunction({
        name: 'rankings',
        data: { action: 'run', now: now.toISOString(), force: calls === 0 },
        timeout: 2 * CALL_LIMIT_MS
      } as never)) as unknown as typeof res
    } catch (err) {
      calls += 1
      failed.push(`run ${calls}: ${(err as Error).message.split('\n')[0].slice(0, 160)}`)
      console.log(`  ✗ ${failed[failed.length - 1]}`)
      if (++inARow >= MAX_FAILED_IN_A_ROW) throw err
      continue
    }
    inARow = 0
    calls += 1
    maxCallMs = Math.max(maxCallMs, Date.now() - t)
    if (!res.result?.ok || !res.result.data) throw new Error(`rankings run ${calls}: ${res.result?.message}`)
    scored += res.result.data.cadres
    batches += res.result.data.batches
    if (calls % 10 === 0)
      process.stdout.write(
        `  … ${calls} runs, ${scored} cadres scored, ${batches} batches, peak ${memory.peek().toFixed(1)} MB, longest run ${(maxCallMs / 1000).toFixed(1)} s\n`
      )
    if (res.result.data.done) break
    if (res.result.data.batches === 0) throw new Error('the rankings job made no progress')
  }
  return {
    job: 'rankings job (one cycle)',
    size: `${cadres} cadres, one province`,
    calls,
    maxCallMs,
    totalSeconds: (Date.now() - started) / 1000,
    peakMB: memory.stop(),
    detail: `${scored} cadres scored in ${batches} batches${failed.length ? `; ${failed.length} runs failed and were run again (${failed[0]})` : ''}`
  }
}

async function measureExport(emu: TestEmulator, demands: number, now: Date): Promise<MemoryRow> {
  process.stdout.write(`  loading ${demands} demands… `)
  console.log(`${(await loadBatches(emu.url, provinceDemands(demands, now))).toFixed(0)} s`)
  const memory = sampler(emu, 'exports')
  const started = Date.now()
  const ok = (r: Awaited<ReturnType<typeof callAs<ExportJob>>>) => {
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
    return r.data
  }
  const timed = async (data: Record<string, unknown>) => {
    const t = Date.now()
    const job = ok(await callAs<ExportJob>(emu.url, demoAccounts.admin, 'exports', data))
    return { job, ms: Date.now() - t }
  }
  let { job, ms: maxCallMs } = await timed({ action: 'start', jobId: randomUUID(), kind: 'demands', period: String(beijingYear(now)) })
  let calls = 1
  while (job.status === 'running') {
    const next = await timed({ action: 'continue', jobId: job.jobId })
    job = next.job
    maxCallMs = Math.max(maxCallMs, next.ms)
    calls += 1
  }
  if (job.status !== 'done') throw new Error(`export ${job.status}: ${job.error}`)
  return {
    job: 'export of the province’s demands',
    size: `${demands} demands`,
    calls,
    maxCallMs,
    totalSeconds: (Date.now() - started) / 1000,
    peakMB: memory.stop(),
    detail: `${job.rowsDone} rows, ${((job.size ?? 0) / 1048576).toFixed(1)} MB .xlsx`
  }
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
  const now = new Date()
  const rows: MemoryRow[] = []
  process.env.SILENCE = 'true'
  for (const job of ['rankings', 'export'] as const) {
    if (only && only !== job) continue
    // One emulator per job: the other's data would only slow it down.
    const emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    // The functions' own lines (the export logs its phases and memory), shown when something goes wrong.
    const logs: string[] = []
    emu.process.stdout?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (/\[(fn:exports|fn:rankings|exports|gateway)\]/.test(line)) logs.push(line.slice(0, 600))
    })
    try {
      await seed(emu.url)
      console.log(`${job}:`)
      rows.push(job === 'rankings' ? await measureRankings(emu, arg('cadres', 100_000), now) : await measureExport(emu, arg('demands', 100_000), now))
      if (process.env.SHOW_LOGS) console.log(logs.slice(-30).join('\n'))
    } catch (err) {
      console.error(logs.slice(-30).join('\n'))
      throw err
    } finally {
      await emu.stop()
    }
  }
  console.log(`\nmemory and time of the big jobs (limits: ${MEMORY_LIMIT_MB} MB per instance, ${CALL_LIMIT_MS / 1000} s per call)\n`)
  for (const r of rows) {
    console.log(
      `  ${r.job} · ${r.size}: ${r.calls} calls, longest ${(r.maxCallMs / 1000).toFixed(1)} s, ${r.totalSeconds.toFixed(0)} s in all, instance peak ${r.peakMB} MB (${r.detail})`
    )
  }
  mkdirSync(path.join(root, '.bench'), { recursive: true })
  writeFileSync(path.join(root, '.bench', 'memory.json'), JSON.stringify({ at: now.toISOString(), rows }, null, 2))
  const over = rows.filter((r) => r.peakMB > MEMORY_LIMIT_MB || r.maxCallMs > CALL_LIMIT_MS)
  if (over.length) {
    console.error(`\n✗ over the limits: ${over.map((r) => r.job).join(', ')}`)
    process.exitCode = 1
  } else console.log('\n✓ both within the limits')
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
