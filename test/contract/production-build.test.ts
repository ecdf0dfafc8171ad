/**
 * What WeChat runs carries nothing of the tests. The production build (scripts/build-functions.ts --production,
 * what `npm run deploy` uploads) is made afresh here and:
 *  - no bundle contains a test switch (the fault switches, the server-side `run` entry with its clock);
 *  - against the emulator, with the demo data seeded, none of them is reachable: `{ action: 'run', now, crash… }`
 *    from a server-side SDK call or from a user, and a timer-shaped event that the platform did not send, are
 *    unknown actions that write nothing — while the platform's own trigger still runs each job.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildFunctions, functionNames } from '@/scripts/build-functions'
import { seed } from '@/scripts/seed'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { callAnonymous, callRaw, digest, digestDiff } from '../helpers/harness'

/** Test-only names: the fault switches and the define that guards them. */
const switches = ['crashAfterSends', 'crashAfterCadres', 'stopAfterCadres', 'maxBatches', 'JDQ_TEST_SWITCHES']

const timerJobs = functionNames()
  .map((name) => ({
    name,
    config: JSON.parse(readFileSync(path.join(__dirname, '../../cloudfunctions', name, 'config.json'), 'utf8')) as { triggers?: { name: string }[] }
  }))
  .filter((f) => f.config.triggers?.length)
  .map((f) => ({ name: f.name, trigger: (f.config.triggers as { name: string }[])[0].name }))

const cadre = 'demo-women-xining-chengdong-cadre-1'
const NOW = '2026-03-02T02:00:00Z'

describe('the production build of the functions', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'jdq-production-'))
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>

  beforeAll(async () => {
    await buildFunctions('production', functionNames(), out)
    emu = await startEmulator({ args: ['--functions', out, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
  }, 600_000)
  afterAll(async () => {
    await emu?.stop()
    rmSync(out, { recursive: true, force: true })
  })

  it('has the timer jobs this test is about', () => {
    expect(timerJobs.map((j) => j.name).sort()).toEqual(['rankings', 'reconcile', 'reminders'])
  })

  it('contains no test switch in any script', () => {
    const found: string[] = []
    for (const name of functionNames()) {
      for (const file of readdirSync(path.join(out, name)).filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(path.join(out, name, file), 'utf8')
        for (const s of switches) if (text.includes(s)) found.push(`${name}/${file}: ${s}`)
      }
    }
    expect(found).toEqual([])
  })

  it.each(timerJobs)('$name: no caller can run the job or reach its switches; nothing is written', async ({ name, trigger }) => {
    const before = await digest(emu.url)
    const run = { action: 'run', now: NOW, force: true, fresh: true, crashAfterSends: 1, crashAfterCadres: 1, stopAfterCadres: 0, batchSize: 1 }
    const attempts = [
      await callAnonymous(cloud, name, run),
      await callRaw(emu.url, cadre, name, run),
      // A timer-shaped event the platform did not send (no SOURCE wx_trigger), and one from a user.
      await callAnonymous(cloud, name, { Type: 'Timer', TriggerName: trigger, Time: NOW }),
      await callRaw(emu.url, cadre, name, { Type: 'Timer', TriggerName: trigger, Time: NOW })
    ]
    for (const out of attempts) {
      expect(out.status).toBe(200)
      expect(out.reply).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
      expect((out.reply as { message: string }).message).toMatch(/^未知的操作/)
    }
    expect(digestDiff(before, await digest(emu.url))).toEqual([])
  })

  it.each(timerJobs)('$name: the platform’s trigger still runs the job', async ({ name, trigger }) => {
    const res = await fetch(`${emu.url}/__/timers/${name}/${trigger}/fire?at=${encodeURIComponent(NOW)}`, { method: 'POST' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { result: { ok: boolean } }
    expect(body.result.ok).toBe(true)
  })
})
