import { Cron } from 'croner'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { FunctionRuntime, InvokeResult } from './runtime'

/**
 * Timer triggers from each function's config.json: WeChat's 7-field cron (sec min hour day month
 * weekday year), evaluated in UTC+8. croner takes six fields, so the year field is checked here.
 */

export const TIMER_TIMEZONE = 'Asia/Shanghai'

export interface ParsedCron {
  /** The first six fields, for croner. */
  pattern: string
  /** Years the trigger may fire in; undefined means any. */
  years?: (year: number) => boolean
}

export function parseWechatCron(expr: string): ParsedCron {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7 && parts.length !== 6) {
    throw new Error(`定时触发器的 cron 需要 7 个字段（秒 分 时 日 月 星期 年），收到 ${parts.length} 个：'${expr}'`)
  }
  const pattern = parts.slice(0, 6).join(' ')
  // Validate with croner now, so a bad config is reported at load time.
  new Cron(pattern, { timezone: TIMER_TIMEZONE, paused: true }).stop()
  const yearField = parts[6]
  if (!yearField || yearField === '*' || yearField === '?') return { pattern }
  const tests: ((y: number) => boolean)[] = []
  for (const piece of yearField.split(',')) {
    const [range, stepText] = piece.split('/')
    const step = stepText ? Number(stepText) : 1
    let lo: number
    let hi: number
    if (range === '*') {
      lo = 1970
      hi = 2199
    } else if (range.includes('-')) {
      ;[lo, hi] = range.split('-').map(Number) as [number, number]
    } else {
      lo = Number(range)
      hi = stepText ? 2199 : lo
    }
    if (![lo, hi, step].every(Number.isInteger) || step < 1 || lo > hi) throw new Error(`cron 的年字段无效：'${yearField}'`)
    tests.push((y) => y >= lo && y <= hi && (y - lo) % step === 0)
  }
  return { pattern, years: (y) => tests.some((t) => t(y)) }
}

/** The year in Asia/Shanghai at `date`. */
function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + 8 * 3600_000).getUTCFullYear()
}

/** SCF's timer event: Time in UTC, whole seconds. */
export function timerEvent(triggerName: string, at = new Date()): Record<string, string> {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

export interface TimerInfo {
  function: string
  trigger: string
  cron: string
  nextRun: string | null
  error?: string
}

interface Scheduled {
  cron?: Cron
  info: TimerInfo
}

export class TimerService {
  private readonly scheduled = new Map<string, Scheduled[]>()
  private readonly configMtimes = new Map<string, number>()
  private rescanTimer?: NodeJS.Timeout

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly opts: { enabled: boolean; log?: (line: string) => void }
  ) {}

  private log(line: string): void {
    ;(this.opts.log ?? ((l: string) => process.stdout.write(l + '\n')))(line)
  }

  start(): void {
    this.rescan()
    if (this.opts.enabled) {
      // A rebuild may add, change or drop triggers: look again every few seconds.
      this.rescanTimer = setInterval(() => this.rescan(), 3000)
      this.rescanTimer.unref()
    }
  }

  /** Reads every config.json whose mtime changed and (re)schedules its triggers. */
  rescan(): void {
    const names = new Set(this.runtime.list())
    for (const fn of [...this.scheduled.keys()]) {
      if (!names.has(fn)) this.unschedule(fn)
    }
    for (const fn of names) {
      const file = path.join(this.runtime.functionsDir, fn, 'config.json')
      const mtime = existsSync(file) ? statSync(file).mtimeMs : 0
      if (this.configMtimes.get(fn) === mtime && this.scheduled.has(fn)) continue
      this.configMtimes.set(fn, mtime)
      this.unschedule(fn)
      this.schedule(fn)
    }
  }

  private schedule(fn: string): void {
    const triggers = (this.runtime.config(fn).triggers ?? []).filter((t) => t && t.type === 'timer')
    const list: Scheduled[] = []
    for (const t of triggers) {
      const info: TimerInfo = { function: fn, trigger: t.name, cron: t.config, nextRun: null }
      try {
        const parsed = parseWechatCron(t.config)
        if (this.opts.enabled) {
          const cron = new Cron(parsed.pattern, { timezone: TIMER_TIMEZONE, protect: false }, () => {
            const now = new Date()
            if (parsed.years && !parsed.years(shanghaiYear(now))) return
            this.fire(fn, t.name, now).catch(() => undefined)
          })
          const next = cron.nextRun()
          info.nextRun = next ? next.toISOString() : null
          list.push({ cron, info })
        } else {
          list.push({ info })
        }
      } catch (err) {
        info.error = err instanceof Error ? err.message : String(err)
        this.log(`[timers] ${fn}/${t.name}: ${info.error}`)
        list.push({ info })
      }
    }
    if (list.length) this.scheduled.set(fn, list)
    else this.scheduled.set(fn, [])
  }

  private unschedule(fn: string): void {
    for (const s of this.scheduled.get(fn) ?? []) s.cron?.stop()
    this.scheduled.delete(fn)
  }

  list(): TimerInfo[] {
    this.rescan()
    const out: TimerInfo[] = []
    for (const list of this.scheduled.values()) {
      for (const s of list) {
        const next = s.cron?.nextRun()
        out.push({ ...s.info, nextRun: next ? next.toISOString() : null })
      }
    }
    return out
  }

  /** The trigger's name when `trigger` is omitted and the function has exactly one. */
  resolveTrigger(fn: string, trigger?: string): string | undefined {
    const triggers = (this.runtime.config(fn).triggers ?? []).filter((t) => t && t.type === 'timer')
    if (trigger) return triggers.some((t) => t.name === trigger) ? trigger : undefined
    return triggers[0]?.name
  }

  /** Runs the function as its timer would: Timer event, no user identity. */
  async fire(fn: string, trigger: string, at = new Date()): Promise<InvokeResult> {
    this.log(`[timers] ${fn}/${trigger} fired`)
    try {
      return await this.runtime.invoke(fn, timerEvent(trigger, at), {}, { trigger })
    } catch (err) {
      this.log(`[timers] ${fn}/${trigger} failed: ${err instanceof Error ? err.message : String(err)}`)
      throw err
    }
  }

  stop(): void {
    if (this.rescanTimer) clearInterval(this.rescanTimer)
    for (const fn of [...this.scheduled.keys()]) this.unschedule(fn)
  }
}
