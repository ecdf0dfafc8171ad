/**
 * `npm run bench`: per cloud function action, through the real wx-server-sdk against the emulator,
 * the DB operations, documents examined and returned, and p50/p95 latency on a small and a large
 * dataset, with the large/small ratio; plus function bundle sizes and cold starts, peak memory of
 * the emulator and of each function instance, and the weapp package sizes.
 *
 *   tsx scripts/bench/index.ts                full: small and large (10,000 cadres, 1,000,000 visits)
 *   tsx scripts/bench/index.ts --quick        the same shape, small enough for `npm test`
 *   --iterations N   calls per action (default 30, quick 8)
 *
 * Writes .bench/latest.json. Exits non-zero when an action's documents examined grow with the data
 * (cost must not grow with history) or when an action fails.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { startEmulator, type TestEmulator } from '../../test/helpers/emulator'
import { connectSdk } from '../sdk'
import { seed } from '../seed'
import { functionNames } from '../build-functions'
import { generate, veteranOpenid } from './dataset'
import { callAs, coldStart, metrics, percentile, weappPackages, type ColdStart } from './measure'
import { scenarios } from './scenarios'
import { sizes, type BenchSize } from './sizes'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'build', 'cloudfunctions')

interface ActionResult {
  action: string
  ok: boolean
  error?: string
  dbOps: number
  docsExamined: number
  docsReturned: number
  p50Ms: number
  p95Ms: number
}

interface SizeResult {
  size: BenchSize
  loadSeconds: number
  actions: ActionResult[]
  emulatorPeakMB: number
  functionPeakMB: Record<string, number>
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 102.4) / 10
  } catch {
    return 0
  }
}

/** Function instances are the emulator's child processes; their command line names the function folder. */
function functionInstances(emulatorPid: number): { pid: number; fn: string }[] {
  const found: { pid: number; fn: string }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== emulatorPid) continue
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0')
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ')
      const fromEnv = environ.find((e) => e.startsWith('SCF_FUNCTIONNAME='))?.split('=')[1]
      const fromCmd = functionNames().find((n) => cmd.includes(`${path.sep}${n}${path.sep}`) || cmd.endsWith(` ${n}`))
      found.push({ pid: Number(entry), fn: fromEnv ?? fromCmd ?? `pid ${entry}` })
    } catch {
      // the process ended while we looked
    }
  }
  return found
}

async function load(url: string, size: BenchSize, now: Date): Promise<number> {
  const started = Date.now()
  // Bulk inserts of 1,000 documents take longer than the SDK's 3 s slow-request warning; that is expected here.
  process.env.SILENCE = 'true'
  const db = connectSdk(url).database()
  let inFlight: Promise<unknown>[] = []
  for (const batch of generate(size, now)) {
    inFlight.push(db.collection(batch.collection).add({ data: batch.docs }) as Promise<unknown>)
    if (inFlight.length >= 2) {
      await Promise.all(inFlight)
      inFlight = []
    }
  }
  await Promise.all(inFlight)
  return (Date.now() - started) / 1000
}

async function runSize(size: BenchSize, iterations: number, now: Date): Promise<SizeResult> {
  const emu: TestEmulator = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
  try {
    await seed(emu.url)
    process.stdout.write(`  ${size.name}: loading ${size.cadres} cadres, ${size.visits} visits, ${size.households} households… `)
    const loadSeconds = await load(emu.url, size, now)
    console.log(`${loadSeconds.toFixed(1)} s`)
    // Every bench point of one cadre index shares coordinates with bench-point-0 (the light cadre's is a copy).
    const overview = (await callAs(emu.url, veteranOpenid, 'points', { action: 'overview' })) as {
      data?: { points: { id: string; location: { lat: number; lng: number } }[] }
    }
    const home = overview.data?.points.find((p) => p.id === 'bench-point-0')?.location
    const actions: ActionResult[] = []
    for (const scenario of scenarios) {
      const latencies: number[] = []
      let totals = { dbOps: 0, docsExamined: 0, docsReturned: 0 }
      let failure: string | undefined
      for (let i = -2; i < iterations; i++) {
        const callNow = new Date()
        const payload = scenario.payload(i + 2, callNow)
        if (scenario.pointId && home) Object.assign(payload.fix as object, home)
        const before = await metrics(emu.url)
        const started = performance.now()
        const reply = await callAs(emu.url, scenario.as, scenario.fn, payload)
        const ms = performance.now() - started
        const after = await metrics(emu.url)
        if (!reply.ok) failure = `${reply.code}: ${reply.message}`
        if (i < 0) continue // warm-up: the first calls start instances
        latencies.push(ms)
        totals = {
          dbOps: totals.dbOps + after.dbOps - before.dbOps,
          docsExamined: totals.docsExamined + after.docsExamined - before.docsExamined,
          docsReturned: totals.docsReturned + after.docsReturned - before.docsReturned
        }
      }
      latencies.sort((a, b) => a - b)
      actions.push({
        action: scenario.name,
        ok: !failure,
        error: failure,
        dbOps: totals.dbOps / iterations,
        docsExamined: totals.docsExamined / iterations,
        docsReturned: totals.docsReturned / iterations,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95)
      })
    }
    const functionPeakMB: Record<string, number> = {}
    for (const { pid, fn } of functionInstances(emu.process.pid!)) functionPeakMB[fn] = Math.max(functionPeakMB[fn] ?? 0, peakMB(pid))
    return { size, loadSeconds, actions, emulatorPeakMB: peakMB(emu.process.pid!), functionPeakMB }
  } finally {
    await emu.stop()
  }
}

const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits))

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...r[i]].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))))
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((x, ch) => x + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)))
  return cells.map((r, j) => r.map((c, i) => pad(c, widths[i])).join('  ') + (j === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n')
}

/**
 * An action whose wasted reads grow with the data: documents examined beyond those returned, at the
 * large size, exceed twice the small size's (with a small floor). More results for a bigger page or
 * a busier month are not waste; a scan that grows with history is.
 */
export function grows(small: ActionResult, large: ActionResult): boolean {
  const waste = (a: ActionResult) => Math.max(0, a.docsExamined - a.docsReturned)
  return waste(large) > Math.max(2 * waste(small), waste(small) + 10)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const i = args.indexOf('--iterations')
  const iterations = i >= 0 ? Number(args[i + 1]) : quick ? 8 : 30
  if (!existsSync(path.join(functionsDir, 'user', 'index.js'))) throw new Error('build the functions first: npm run build:functions')
  const now = new Date()
  const [smallSize, largeSize] = quick ? [sizes['quick-small'], sizes['quick-large']] : [sizes.small, sizes.large]

  console.log(`bench (${quick ? 'quick' : 'full'}), ${iterations} calls per action after 2 warm-up calls`)
  const small = await runSize(smallSize, iterations, now)
  const large = await runSize(largeSize, iterations, now)

  const flagged: string[] = []
  const rows = small.actions.map((s) => {
    const l = large.actions.find((a) => a.action === s.action)!
    const growth = grows(s, l)
    if (growth) flagged.push(`${s.action}: documents examined beyond those returned ${fmt(s.docsExamined - s.docsReturned)} → ${fmt(l.docsExamined - l.docsReturned)}`)
    if (!s.ok || !l.ok) flagged.push(`${s.action} failed: ${s.error ?? l.error}`)
    return [
      s.action,
      fmt(s.dbOps),
      fmt(l.dbOps),
      fmt(s.docsExamined),
      fmt(l.docsExamined),
      fmt(s.docsReturned),
      fmt(l.docsReturned),
      `${fmt(s.p50Ms)}/${fmt(s.p95Ms)}`,
      `${fmt(l.p50Ms)}/${fmt(l.p95Ms)}`,
      s.p50Ms ? fmt(l.p50Ms / s.p50Ms, 2) : '-',
      growth ? 'GROWS' : !s.ok || !l.ok ? 'FAILED' : 'ok'
    ]
  })
  console.log(`\nper action (small = ${smallSize.cadres} cadres/${smallSize.visits} visits, large = ${largeSize.cadres} cadres/${largeSize.visits} visits)\n`)
  console.log(
    table(['action', 'ops S', 'ops L', 'examined S', 'examined L', 'returned S', 'returned L', 'p50/p95 ms S', 'p50/p95 ms L', 'L/S p50', ''], rows)
  )

  const cold: Record<string, ColdStart> = {}
  for (const name of functionNames()) cold[name] = await coldStart(functionsDir, name, 'http://127.0.0.1:9')
  console.log('\nfunction bundles (cold start = new process: require + first reply)\n')
  console.log(
    table(
      ['function', 'index.js KB', 'require ms', 'first reply ms', `peak MB (${largeSize.name})`],
      Object.entries(cold).map(([n, c]) => [n, fmt(c.bundleBytes / 1024), fmt(c.requireMs), fmt(c.firstReplyMs), fmt(large.functionPeakMB[n] ?? 0)])
    )
  )
  console.log(`\nemulator peak memory: ${small.emulatorPeakMB} MB (${smallSize.name}), ${large.emulatorPeakMB} MB (${largeSize.name}); data load ${fmt(small.loadSeconds)} s / ${fmt(large.loadSeconds)} s`)

  const packages = weappPackages(root)
  if (packages) {
    console.log('\nweapp packages (dist/)\n')
    console.log(table(['package', 'KB'], Object.entries(packages).map(([k, v]) => [k, fmt(v / 1024)])))
  } else {
    console.log('\nweapp packages: dist/ not built (npm run build:weapp)')
  }

  mkdirSync(path.join(root, '.bench'), { recursive: true })
  const out = path.join(root, '.bench', 'latest.json')
  writeFileSync(out, JSON.stringify({ at: now.toISOString(), quick, iterations, small, large, coldStart: cold, weappPackages: packages, flagged }, null, 2))
  console.log(`\nwrote ${path.relative(root, out)}`)
  if (flagged.length) {
    console.error(`\n✗ ${flagged.length} problem(s):\n  ${flagged.join('\n  ')}`)
    process.exitCode = 1
  } else {
    console.log('\n✓ no action wastes more reads as the data grows')
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
