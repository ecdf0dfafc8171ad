import { Cron } from 'croner'
import type { EmulatorServer } from '../server'
import { sendJson } from '../http'
import type { FunctionPool } from './pool'

/**
 * Timer triggers from each function's config.json: WeChat's 7-field cron (sec min hour day month
 * weekday year) in UTC+8. croner takes the first six; the year field, when not '*', is checked here.
 */
export function parseCron(config: string): { pattern: string; years: number[] | null } {
  const fields = config.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`timer cron needs 7 fields (sec min hour day month weekday year): "${config}"`)
  const year = fields[6]
  const years =
    year === '*'
      ? null
      : year.split(',').flatMap((part) => {
          const [from, to] = part.split('-').map(Number)
          return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i)
        })
  return { pattern: fields.slice(0, 6).join(' '), years }
}

export function timerEvent(triggerName: string, at = new Date()) {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

export function installTimers(server: EmulatorServer, pool: FunctionPool, schedule: boolean): { stop(): void } {
  const jobs: Cron[] = []
  const fire = async (fn: string, trigger: string) => {
    try {
      await pool.invoke(fn, timerEvent(trigger), { SOURCE: 'wx_trigger' })
    } catch (err) {
      console.error(`[timer] ${fn}/${trigger} failed:`, err instanceof Error ? err.message : err)
    }
  }
  if (schedule) {
    for (const fn of pool.names()) {
      for (const trigger of pool.config(fn).triggers ?? []) {
        if (trigger.type !== 'timer') continue
        const { pattern, years } = parseCron(trigger.config)
        jobs.push(
          new Cron(pattern, { timezone: 'Asia/Shanghai', protect: true }, () => {
            const year = Number(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }))
            if (!years || years.includes(year)) void fire(fn, trigger.name)
          })
        )
      }
    }
  }

  // POST /__/timers/<function>/<trigger>/fire runs a trigger now and answers with what the function returned.
  // ?at=<ISO instant> fires it as the trigger due at that instant (the event's Time), for tests of a given hour.
  server.route('POST', '/__/timers/', async (_req, res, url) => {
    const [fn, trigger, verb] = url.pathname.slice('/__/timers/'.length).split('/').map(decodeURIComponent)
    const declared = pool.has(fn ?? '') ? (pool.config(fn).triggers ?? []).filter((t) => t.type === 'timer') : []
    const chosen = declared.find((t) => t.name === trigger) ?? (trigger ? undefined : declared[0])
    if (verb !== 'fire' && !(trigger === 'fire' && !verb)) return sendJson(res, 404, { message: 'use POST /__/timers/<function>/<trigger>/fire' })
    const name = trigger === 'fire' ? declared[0]?.name : chosen?.name
    if (!name) return sendJson(res, 404, { message: `云函数 ${fn} 没有这个定时触发器` })
    try {
      const at = url.searchParams.get('at')
      if (at !== null && Number.isNaN(Date.parse(at))) return sendJson(res, 400, { message: 'at 应为 ISO 时间' })
      const result = await pool.invoke(fn, timerEvent(name, at === null ? undefined : new Date(at)), { SOURCE: 'wx_trigger' })
      sendJson(res, 200, { function: fn, trigger: name, result })
    } catch (err) {
      sendJson(res, 500, { function: fn, trigger: name, message: err instanceof Error ? err.message : String(err) })
    }
  })

  return { stop: () => jobs.forEach((j) => j.stop()) }
}
