import { sdkEnv } from '../helpers/emulator'

// withTimer reads identity from the real wx-server-sdk's getWXContext(), which reads the SCF environment.
Object.assign(process.env, sdkEnv('http://127.0.0.1:9'), { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'wx-unit' })

// The build defines JDQ_TEST_SWITCHES (scripts/build-functions.ts); the source run here reads the global.
const switches = globalThis as unknown as { JDQ_TEST_SWITCHES: boolean }
switches.JDQ_TEST_SWITCHES = true

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withTimer, knob } = require('@/cloudfunctions/_lib/timer-entry') as typeof import('@/cloudfunctions/_lib/timer-entry')

describe('the entry of a function with a timer job', () => {
  const calls: string[] = []
  const main = withTimer(async (e) => ({ ok: true, data: { routed: e } }), {
    trigger: 'nightly',
    refusal: '由系统定时运行',
    onTimer: async (at) => calls.push(`timer ${at.toISOString()}`),
    onRun: async (now, e) => calls.push(`run ${now.toISOString()} ${knob(e.batchSize, 1, 50)}`)
  })
  /** Who calls and what started the run, as getWXContext() reports them. */
  const as = (openid: string | undefined, source?: string) => {
    if (openid) process.env.WX_OPENID = openid
    else delete process.env.WX_OPENID
    if (source) process.env.TCB_SOURCE = source
    else delete process.env.TCB_SOURCE
  }
  const tick = { Type: 'Timer', TriggerName: 'nightly', Time: '2026-11-28T17:00:00Z', Message: '' }
  beforeEach(() => {
    calls.length = 0
    switches.JDQ_TEST_SWITCHES = true
  })

  it('runs the job on the platform’s trigger, on the trigger’s own time', async () => {
    as(undefined, 'wx_trigger')
    await main(tick)
    await main({ ...tick, Time: '2026-11-28T17:10:00.000Z' })
    expect(calls).toEqual(['timer 2026-11-28T17:00:00.000Z', 'timer 2026-11-28T17:10:00.000Z'])
  })

  it.each([
    ['another trigger’s name', { ...tick, TriggerName: 'computeRankings' }, 'wx_trigger'],
    ['no trigger name', { Type: 'Timer', Time: tick.Time }, 'wx_trigger'],
    ['a time that is not an ISO instant', { ...tick, Time: 'tomorrow' }, 'wx_trigger'],
    ['a local time without Z', { ...tick, Time: '2026-11-28 17:00:00' }, 'wx_trigger'],
    ['a lower-case type', { ...tick, Type: 'timer' }, 'wx_trigger'],
    ['a server-side SDK call (no SOURCE)', tick, undefined],
    ['an HTTP API call', tick, 'wx_http'],
    ['the mini-program', tick, 'wx_client']
  ])('does not take %s for the platform’s trigger', async (_what, event, source) => {
    as(undefined, source)
    expect(await main(event)).toEqual({ ok: true, data: { routed: event } })
    expect(calls).toEqual([])
  })

  it('emulator builds: runs a server-side { action: run } at its `now` with clamped knobs', async () => {
    as(undefined)
    await main({ action: 'run', now: '2026-03-01T02:00:00.000Z', batchSize: 999.7 })
    await main({ action: 'run', now: 'not a date', batchSize: 'many' })
    expect(calls[0]).toBe('run 2026-03-01T02:00:00.000Z 50')
    expect(calls[1]).toMatch(/^run \d{4}-.* undefined$/)
  })

  it('production builds: { action: run } is an action like any other (the router refuses it)', async () => {
    switches.JDQ_TEST_SWITCHES = false
    as(undefined)
    expect(await main({ action: 'run', now: '2026-03-01T02:00:00.000Z', crashAfterSends: 1 })).toEqual({
      ok: true,
      data: { routed: { action: 'run', now: '2026-03-01T02:00:00.000Z', crashAfterSends: 1 } }
    })
    expect(calls).toEqual([])
  })

  it('never lets a mini-program user start the job, whatever they send', async () => {
    as('o-someone', 'wx_client')
    expect(await main({ action: 'run' })).toEqual({ ok: false, code: 'FORBIDDEN', message: '由系统定时运行' })
    expect(await main(tick)).toEqual({ ok: true, data: { routed: tick } })
    as('o-someone', 'wx_trigger')
    expect(await main(tick)).toEqual({ ok: true, data: { routed: tick } })
    expect(calls).toEqual([])
  })
})
