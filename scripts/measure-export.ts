/**
 * Measures a province-wide export: loads N generated demands (default 100,000) spread over every
 * county of one system into a fresh emulator, exports them as the province admin through the gateway (start, then
 * continue while the job hands back), and prints wall time, calls, rows, file size and the peak resident memory
 * (VmHWM) of the exports function's instances — the figure that must stay under a cloud instance's 256 MB.
 *   npx tsx scripts/measure-export.ts [--demands 100000]
 */
import path from 'node:path'
import { Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { startEmulator } from '@/test/helpers/emulator'
import { callAs } from '@/test/helpers/gateway'
import { seed } from './seed'
import { buildDemoData } from './seed/demo-data'
import { connectSdk, scfEnv } from './sdk'
import type { ExportJob } from '@/types/exports'
import { instancesOf, peakMB } from './bench/proc-memory'

const functionsDir = path.resolve(__dirname, '../build/cloudfunctions')

async function main() {
  const i = process.argv.indexOf('--demands')
  const total = i > 0 ? Number(process.argv[i + 1]) : 100_000
  const emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'], timeoutScale: 1 })
  // The function's own log lines, shown if something goes wrong.
  const logs: string[] = []
  emu.process.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.includes('[fn:exports]') || line.includes('[db]')) logs.push(line.slice(0, 400))
  })
  try {
    await seed(emu.url)
    process.env.SILENCE = 'true'
    const db = connectSdk(emu.url).database()
    const demo = buildDemoData()
    const cadres = demo.users.filter((u) => u.role === 'cadre' && u.orgPath[0] === 'org-women')
    const loadStarted = Date.now()
    const start2026 = Date.UTC(2025, 11, 31, 16)
    for (let b = 0; b < total; b += 1000) {
      const docs = []
      for (let n = b; n < Math.min(total, b + 1000); n++) {
        const c = cadres[n % cadres.length]
        const createdAt = new Date(start2026 + Math.floor((n / total) * 300 * 86_400_000))
        docs.push({
          _id: `gen-${String(n).padStart(7, '0')}`,
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
          text: `群众反映小区路灯不亮、下水道堵塞，希望尽快处理（第 ${n} 件）`,
          contact: { name: '王大姐', phone: '13912345678' },
          status: n % 3 ? 'closed' : 'open',
          active: n % 3 === 0,
          path: n % 3 ? 'immediate' : null,
          plannedPath: null,
          department: null,
          deadlineAt: new Date(createdAt.getTime() + 7 * 86_400_000),
          finishedAt: n % 3 ? createdAt : null,
          closedAt: n % 3 ? createdAt : null,
          reply: n % 3 ? '已经修好并告知群众' : null,
          supervised: 0,
          timeline: [],
          sceneCode: null,
          rating: null,
          createdAt,
          updatedAt: createdAt
        })
      }
      await db.collection('demands').add({ data: docs })
    }
    console.log(`loaded ${total} demands over ${cadres.length} cadres in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`)

    const admin = 'demo-women-admin'
    const heapCap = process.argv.indexOf('--heap')
    if (heapCap > 0) {
      // The same bundle in a plain Node process with the V8 heap capped (as in a 256 MB instance): start, then
      // continue until done, in one process; prints its peak memory.
      const mb = Number(process.argv[heapCap + 1])
      const { spawnSync } = await import('node:child_process')
      const file = path.join(functionsDir, 'exports', 'index.js')
      const script = `const {main}=require(${JSON.stringify(file)});(async()=>{const t=Date.now();let r=await main({action:'start',jobId:'${randomUUID()}',kind:'demands',period:'2026'});let calls=1;while(r.ok&&r.data.status==='running'){r=await main({action:'continue',jobId:r.data.jobId});calls++}const hwm=/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1];console.log(JSON.stringify({ok:r.ok,status:r.ok&&r.data.status,rows:r.ok&&r.data.rowsDone,calls,seconds:(Date.now()-t)/1000,peakMB:Math.round(hwm/102.4)/10}))})()`
      const out = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, '-e', script], {
        env: {
          PATH: process.env.PATH,
          TZ: 'UTC',
          ...scfEnv(emu.url),
          WX_OPENID: admin,
          WX_APPID: 'wx-local',
          WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
          SILENCE: 'true'
        },
        encoding: 'utf8'
      })
      console.log(
        `with --max-old-space-size=${mb}: ${
          out.stdout
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .pop() ?? out.stderr.slice(-2000)
        }`
      )
      return
    }
    const jobId = randomUUID()
    const started = Date.now()
    let calls = 1
    let peak = 0
    const sampler = setInterval(() => {
      for (const pid of instancesOf(emu.process.pid!, 'exports')) peak = Math.max(peak, peakMB(pid))
    }, 200)
    const ok = (r: Awaited<ReturnType<typeof callAs<ExportJob>>>) => {
      if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
      return r.data
    }
    const callStarted = [Date.now()]
    let job = ok(await callAs<ExportJob>(emu.url, admin, 'exports', { action: 'start', jobId, kind: 'demands', period: '2026' }))
    const callTimes = [Date.now() - callStarted[0]]
    const peaks = [instancesOf(emu.process.pid!, 'exports').map(peakMB)]
    while (job.status === 'running') {
      calls++
      const t = Date.now()
      job = ok(await callAs<ExportJob>(emu.url, admin, 'exports', { action: 'continue', jobId }))
      callTimes.push(Date.now() - t)
      peaks.push(instancesOf(emu.process.pid!, 'exports').map(peakMB))
    }
    clearInterval(sampler)
    for (const pid of instancesOf(emu.process.pid!, 'exports')) peak = Math.max(peak, peakMB(pid))
    const seconds = (Date.now() - started) / 1000
    console.log(
      `export ${job.status}: ${job.rowsDone} rows (estimated ${job.estimatedTotal}), ${calls} call(s) [${callTimes.map((t) => (t / 1000).toFixed(1)).join(' s, ')} s], ${seconds.toFixed(1)} s in all`
    )
    console.log(`file ${job.fileName}: ${((job.size ?? 0) / 1024 / 1024).toFixed(1)} MB`)
    const inv = (
      (await (await fetch(`${emu.url}/__/invocations`)).json()) as {
        invocations: { fn: string; action: string; ms: number; meter: { dbOps: number; docsExamined: number; docsReturned: number } }[]
      }
    ).invocations
    for (const v of inv.filter((x) => x.fn === 'exports').reverse()) {
      console.log(
        `  ${v.action}: ${(v.ms / 1000).toFixed(1)} s, ${v.meter.dbOps} db ops, ${v.meter.docsExamined} docs examined for ${v.meter.docsReturned} returned`
      )
    }
    if (process.env.SHOW_DB)
      console.log(
        logs
          .filter((l) => l.includes('[db]') || l.includes('[exports]'))
          .slice(-20)
          .join('\n')
      )
    console.log(`exports function instance peak memory (VmHWM): ${peak} MB; per instance after each call: ${peaks.map((p) => `[${p.join(', ')}]`).join(' ')}`)
    if (job.url) {
      const res = await fetch(job.url)
      const bytes = Buffer.from(await res.arrayBuffer())
      const ExcelJS = (await import('exceljs')).default
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {})
      let rows = 0
      for await (const ws of reader) for await (const _row of ws) rows++
      console.log(`read back: ${rows - 1} data rows (+ header)`)
    }
  } catch (err) {
    console.error(logs.slice(-40).join('\n'))
    throw err
  } finally {
    await emu.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
