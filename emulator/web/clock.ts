import type { EmulatorServer } from '../server'
import { readBody, sendJson } from '../http'
import { clockOffset, setClock, setClockOffset } from '../runtime/clock.cjs'

/**
 * The emulator's clock, for running the product at a chosen instant (dev only; the real cloud has no such
 * thing). Functions see it from their next invocation on; time keeps flowing from the instant set.
 *
 *   GET  /__/clock                 → { now, offsetMs }
 *   POST /__/clock { at: ISO }     → sets now to `at`;  { offsetMs: n } sets the offset;  { real: true } resets
 */
export function installClock(server: EmulatorServer): void {
  const state = () => ({ now: new Date().toISOString(), offsetMs: clockOffset() })
  server.route('GET', '/__/clock', (_req, res) => sendJson(res, 200, state()))
  server.route('POST', '/__/clock', async (req, res) => {
    let body: { at?: unknown; offsetMs?: unknown; real?: unknown }
    try {
      body = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}') as typeof body
    } catch {
      return sendJson(res, 400, { message: '请求应为 JSON：{ at } 或 { offsetMs } 或 { real: true }' })
    }
    if (body.real === true) setClockOffset(0)
    else if (typeof body.at === 'string' && !Number.isNaN(Date.parse(body.at))) setClock(body.at)
    else if (typeof body.offsetMs === 'number' && Number.isFinite(body.offsetMs)) setClockOffset(body.offsetMs)
    else return sendJson(res, 400, { message: 'at 应为 ISO 时间，或给出 offsetMs（毫秒），或 real: true' })
    sendJson(res, 200, state())
  })
}

/**
 * Reads a clock option: an ISO instant ("2026-12-31T23:30:00+08:00", the clock starts there) or an offset
 * from the real clock ("offset:-86400000"). Throws on anything else, so a typo never runs at the real date.
 */
export function applyClockOption(value: string): void {
  const m = /^offset:(-?\d+)$/.exec(value.trim())
  if (m) return setClockOffset(Number(m[1]))
  if (Number.isNaN(Date.parse(value))) throw new Error(`--clock: "${value}" is neither an ISO instant nor offset:<ms>`)
  setClock(value)
}
