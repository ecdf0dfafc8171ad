import type { BurstResult } from './bursts'
import type { RankingsJobResult } from './rankings-job'
import type { BenchSize } from './sizes'

/** The bench report's row type, its plain-text tables and the growth rule that fails a run. */
export interface ActionResult {
  action: string
  ok: boolean
  error?: string
  /** The emulator's slow-query lines seen during this action's calls. */
  slow?: string[]
  dbOps: number
  docsExamined: number
  docsReturned: number
  p50Ms: number
  p95Ms: number
}

export const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits))

export function table(headers: string[], rows: (string | number)[][]): string {
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

/** One dataset's measurements. */
export interface SizeResult {
  size: BenchSize
  loadSeconds: number
  rankings: RankingsJobResult
  actions: ActionResult[]
  bursts: BurstResult[]
  emulatorPeakMB: number
  functionPeakMB: Record<string, number>
}
