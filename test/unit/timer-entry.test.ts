import { sdkEnv } from '../helpers/emulator'

// withTimer reads identity from the real wx-server-sdk's getWXContext(), which reads the SCF environment.
Object.assign(process.env, sdkEnv('http://127.0.0.1:9'), { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'wx-unit' })

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withTimer, knob } = require('../../cloudfunctions/_lib/timer-entry') as typeof import('../../cloudfunctions/_lib/timer-entry')

describe('the entry of a function with a timer job', () => {
  const calls: string[] = []
  const main = withTimer(async (e) => ({ ok: true, data: { routed: e } }), {
    refusal: '由系统定时运行',
    onTimer: async (at) => calls.push(`timer ${at.toISOString()}`),
    onRun: async (now, e) => calls.push(`run ${now.toISOString()} ${knob(e.batchSize, 1, 50)}`)
  })
  const as = (openid: string | undefined) => {
    if (openid) process.env.WX_OPENID = openid
    else delete process.env.WX_OPENID
  }
  beforeEach(() => (calls.length = 0))

  it('runs the job on the platform’s trigger, on the trigger’s own time', async () => {
    as(undefined)
    await main({ Type: 'Timer', TriggerName: 'nightly', Time: '2026-11-28T17:00:00.000Z' })
    expect(calls).toEqual(['timer 2026-11-28T17:00:00.000Z'])
  })

  it('runs a server-side { action: run } at its `now` with clamped knobs', async () => {
    as(undefined)
    await main({ action: 'run', now: '2026-03-01T02:00:00.000Z', batchSize: 999.7 })
    await main({ action: 'run', now: 'not a date', batchSize: 'many' })
    expect(calls[0]).toBe('run 2026-03-01T02:00:00.000Z 50')
    expect(calls[1]).toMatch(/^run \d{4}-.* undefined$/)
  })

  it('never lets a mini-program user start the job, whatever they send', async () => {
    as('o-someone')
    expect(await main({ action: 'run' })).toEqual({ ok: false, code: 'FORBIDDEN', message: '由系统定时运行' })
    expect(await main({ Type: 'Timer', Time: '2026-11-28T17:00:00.000Z' })).toEqual({ ok: true, data: { routed: { Type: 'Timer', Time: '2026-11-28T17:00:00.000Z' } } })
    expect(calls).toEqual([])
  })
})
