/**
 * The reminders sender working through a generated population (large: 100,000 cadres) in
 * resumable batches. A separate emulator holds the population (users, this year's visitStats, quota); the
 * sender is run the way the timer runs it, again and again until its scan is complete — each run a server-side
 * `{ action: 'run', now }` call (as test/contract/reminders.test.ts does), the clock pinned to 10:00 Beijing so
 * quiet hours never hold it. Per run: batches, messages and time against the function's 60 s limit; per batch:
 * DB operations and documents examined/returned from the emulator's counters.
 */
import { rmSync } from 'node:fs'
import { startEmulator } from '@/test/helpers/emulator'
import { beijingDate } from '@/types/rules/beijing-time'
import { connectSdk } from '../sdk'
import { seed } from '../seed'
import { generatePopulation } from './population'
import { benchTimeoutScale, loadBatches, metrics, watchSlow } from './measure'
import type { BenchSize } from './sizes'

/** The reminders function's timeout (cloudfunctions/reminders/config.json). */
export const SENDER_LIMIT_MS = 60_000

export interface SenderResult {
  size: string
  cadres: number
  loadSeconds: number
  clock: string
  runs: number
  batches: number
  scanned: number
  due: number
  skipped: number
  outcomes: Record<string, number>
  /** Messages in the emulator's outbox, and distinct (user, template) among them: equal when nothing was sent twice. */
  outbox: number
  outboxDistinct: number
  maxRunMs: number
  msPerBatch: number
  dbOpsPerBatch: number
  docsExaminedPerBatch: number
  docsReturnedPerBatch: number
  wallSeconds: number
  /** The emulator's slow-query lines seen during the runs. */
  slow: string[]
  error?: string
}

/** 10:00 Beijing on today's Beijing date (the 8th if today is in the first week, when monthly summaries would join). */
export function senderClock(now: Date): Date {
  const d = beijingDate(now)
  const day = Number(d.slice(8))
  return new Date(`${day <= 7 ? `${d.slice(0, 8)}08` : d}T10:00:00+08:00`)
}

interface RunReport {
  stoppedEarly: boolean
  batches: number
  scanned: number
  due: number
  skipped: number
  outcomes: Record<string, number>
  ms: number
  sources: { name: string; done: boolean }[]
}

export async function benchSender(size: BenchSize, functionsDir: string, now: Date): Promise<SenderResult> {
  const emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'], timeoutScale: benchTimeoutScale() })
  try {
    await seed(emu.url)
    const clock = senderClock(now)
    process.stdout.write(`  ${size.name}: reminders population of ${size.reminderCadres} cadres… `)
    const loadSeconds = await loadBatches(emu.url, generatePopulation(size.reminderCadres, clock))
    console.log(`${loadSeconds.toFixed(1)} s`)
    const cloud = connectSdk(emu.url)
    const r: SenderResult = {
      size: size.name,
      cadres: size.reminderCadres,
      loadSeconds,
      clock: clock.toISOString(),
      runs: 0,
      batches: 0,
      scanned: 0,
      due: 0,
      skipped: 0,
      outcomes: {},
      outbox: 0,
      outboxDistinct: 0,
      maxRunMs: 0,
      msPerBatch: 0,
      dbOpsPerBatch: 0,
      docsExaminedPerBatch: 0,
      docsReturnedPerBatch: 0,
      wallSeconds: 0,
      slow: []
    }
    const slow = watchSlow(emu.process)
    slow.label('sender')
    const started = Date.now()
    let ms = 0
    const totals = { dbOps: 0, docsExamined: 0, docsReturned: 0 }
    for (;;) {
      const runNow = new Date(clock.getTime() + (Date.now() - started))
      const before = await metrics(emu.url)
      const res = (await cloud.callFunction({
        name: 'reminders',
        data: { action: 'run', now: runNow.toISOString() },
        timeout: 2 * SENDER_LIMIT_MS
      } as never)) as unknown as {
        result: { ok: boolean; data?: RunReport; code?: string; message?: string }
      }
      const after = await metrics(emu.url)
      if (!res.result?.ok || !res.result.data) {
        r.error = `run ${r.runs + 1}: ${res.result?.code}: ${res.result?.message}`
        break
      }
      const run = res.result.data
      r.runs += 1
      r.batches += run.batches
      r.scanned += run.scanned
      r.due += run.due
      r.skipped += run.skipped
      for (const [k, n] of Object.entries(run.outcomes)) r.outcomes[k] = (r.outcomes[k] ?? 0) + n
      r.maxRunMs = Math.max(r.maxRunMs, run.ms)
      ms += run.ms
      totals.dbOps += after.dbOps - before.dbOps
      totals.docsExamined += after.docsExamined - before.docsExamined
      totals.docsReturned += after.docsReturned - before.docsReturned
      if (!run.stoppedEarly && run.sources.every((s) => s.done)) break
      if (r.runs >= 1000 || run.batches === 0) {
        r.error = `the sender made no progress (run ${r.runs}: ${run.batches} batches)`
        break
      }
    }
    r.wallSeconds = (Date.now() - started) / 1000
    console.log(`  ${size.name}: sender done in ${r.runs} run(s), ${r.wallSeconds.toFixed(1)} s`)
    slow.label(null)
    r.slow = slow.lines('sender')
    const per = (n: number) => (r.batches ? n / r.batches : 0)
    r.msPerBatch = per(ms)
    r.dbOpsPerBatch = per(totals.dbOps)
    r.docsExaminedPerBatch = per(totals.docsExamined)
    r.docsReturnedPerBatch = per(totals.docsReturned)
    const { messages } = (await (await fetch(`${emu.url}/__/outbox?limit=10000000`)).json()) as {
      messages: { touser: string; template_id: string; errcode: number }[]
    }
    const sent = messages.filter((m) => m.errcode === 0)
    r.outbox = sent.length
    r.outboxDistinct = new Set(sent.map((m) => `${m.touser} ${m.template_id}`)).size
    return r
  } finally {
    await emu.stop()
    // The large dataset's folder holds gigabytes: a throwaway, removed once measured.
    rmSync(emu.dataDir, { recursive: true, force: true })
  }
}
