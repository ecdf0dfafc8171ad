/**
 * The pure half of the small canvas charts: scales, "nice" ticks, layouts, line points and bars, and the
 * drawing as a list of calls on a Canvas 2D context (the same API on the mini-program's type="2d" canvas and on
 * H5). No Taro, no DOM: unit-tested in test/unit/chart-model.test.ts.
 *
 * Why not a chart library: measured minified (esbuild, the pieces a line + bar chart needs): @antv/f2 5.14
 * 495 KB, @qiun/ucharts 2.5 131 KB (one file, nothing to tree-shake), d3-scale + d3-shape 35 KB for the maths
 * alone. This module and the component are a few KB, and the manager subpackage must stay lean.
 */

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** Tick step of 1, 2 or 5 × 10^n giving about `count` intervals over [0, max]. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1
  const raw = max / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const f = raw / mag
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
  return nice * mag
}

/**
 * Ticks from 0 up to at least `max` (counts are never negative). `integer` keeps steps whole (counts of
 * visits, days); shares use 0..1 with `integer` false.
 */
export function niceTicks(max: number, count = 4, integer = true): number[] {
  let step = niceStep(max, count)
  if (integer) step = Math.max(1, Math.round(step))
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step)
  const ticks: number[] = []
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6)
  return ticks
}

/** value → pixel, linear over [d0, d1] → [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number) {
  const span = d1 - d0 || 1
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0)
}

/** n equal bands over [r0, r1] with inner padding (0..1 of a band): band i's start and width. */
export function bands(n: number, r0: number, r1: number, padding = 0.3) {
  const step = n > 0 ? (r1 - r0) / n : 0
  const width = step * (1 - padding)
  return { step, width, start: (i: number) => r0 + i * step + (step - width) / 2, center: (i: number) => r0 + i * step + step / 2 }
}

/** Short number labels for narrow axes: 12000 → 1.2万. */
export function shortNumber(v: number): string {
  if (Math.abs(v) >= 10000) return `${Math.round((v / 10000) * 10) / 10}万`
  if (Number.isInteger(v)) return String(v)
  return String(Math.round(v * 100) / 100)
}

export const percent = (v: number) => `${Math.round(v * 100)}%`

/** The plot area inside the canvas, leaving room for the y labels (left) and the x labels (bottom). */
export function plotBox(width: number, height: number, o: { left?: number; right?: number; top?: number; bottom?: number } = {}): Box {
  const left = o.left ?? 36
  const right = o.right ?? 8
  const top = o.top ?? 10
  const bottom = o.bottom ?? 24
  return { left, top, width: Math.max(1, width - left - right), height: Math.max(1, height - top - bottom) }
}

/** Every `k`-th label so that at most `max` show (12 months on a phone: every other one). */
export function labelStride(n: number, max: number): number {
  return n <= max ? 1 : Math.ceil(n / max)
}

export interface Series {
  name: string
  color: string
  /** null = no data for that point (the line is broken there). */
  values: (number | null)[]
}

export interface ChartInput {
  kind: 'line' | 'bar'
  labels: string[]
  series: Series[]
  width: number
  height: number
  /** Values are shares 0..1 (axis in %, top fixed at 100 %). */
  share?: boolean
}

export interface YTick {
  value: number
  y: number
  label: string
}
export interface XLabel {
  x: number
  label: string
}
export interface LineShape {
  color: string
  name: string
  /** Runs of consecutive points with data. */
  runs: { x: number; y: number }[][]
}
export interface BarShape {
  color: string
  x: number
  y: number
  width: number
  height: number
  value: number
  label: string
}

export interface ChartModel {
  box: Box
  ticks: YTick[]
  xLabels: XLabel[]
  lines: LineShape[]
  bars: BarShape[]
  empty: boolean
}

/** Everything the drawing needs, in pixels. Bars: one group per label, one bar per series side by side. */
export function buildChart(input: ChartInput): ChartModel {
  const box = plotBox(input.width, input.height, { left: input.share ? 40 : 36, right: input.kind === 'line' ? 16 : 8 })
  const all = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)))
  const max = input.share ? 1 : Math.max(0, ...all)
  const tickValues = input.share ? [0, 0.25, 0.5, 0.75, 1] : niceTicks(max, 4, true)
  const top = tickValues[tickValues.length - 1]
  const y = linear(0, top, box.top + box.height, box.top)
  const ticks = tickValues.map((value) => ({ value, y: y(value), label: input.share ? percent(value) : shortNumber(value) }))
  const n = input.labels.length
  const stride = labelStride(n, Math.max(2, Math.floor(box.width / 40)))
  const empty = all.length === 0

  if (input.kind === 'line') {
    const x = n > 1 ? linear(0, n - 1, box.left, box.left + box.width) : () => box.left + box.width / 2
    const lines = input.series.map((s) => {
      const runs: { x: number; y: number }[][] = []
      let run: { x: number; y: number }[] = []
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) {
          if (run.length) runs.push(run)
          run = []
        } else run.push({ x: x(i), y: y(v) })
      })
      if (run.length) runs.push(run)
      return { color: s.color, name: s.name, runs }
    })
    // Counted from the end, so the latest point always has its label and the spacing stays even.
    const xLabels = input.labels.map((label, i) => ({ x: x(i), label })).filter((_, i) => (n - 1 - i) % stride === 0)
    return { box, ticks, xLabels, lines, bars: [], empty }
  }

  const groups = bands(n, box.left, box.left + box.width, 0.3)
  const k = Math.max(1, input.series.length)
  const barWidth = groups.width / k
  const bars: BarShape[] = []
  input.series.forEach((s, j) => {
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return
      const yTop = y(v)
      bars.push({
        color: s.color,
        x: groups.start(i) + j * barWidth,
        y: yTop,
        width: Math.max(1, barWidth - (k > 1 ? 2 : 0)),
        height: box.top + box.height - yTop,
        value: v,
        label: input.labels[i]
      })
    })
  })
  const xLabels = input.labels.map((label, i) => ({ x: groups.center(i), label })).filter((_, i) => i % stride === 0)
  return { box, ticks, xLabels, lines: [], bars, empty }
}

/** The part of CanvasRenderingContext2D the drawing uses (the mini-program's 2d context has all of it). */
export interface Ctx2D {
  clearRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  fill(): void
  arc(x: number, y: number, r: number, a0: number, a1: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  strokeStyle: unknown
  fillStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
}

const GRID = '#e8e4df'
const TEXT = '#6b6560'

/** Draws a model on a 2D context (already scaled to CSS pixels). */
export function drawChart(ctx: Ctx2D, m: ChartModel, width: number, height: number): void {
  ctx.clearRect(0, 0, width, height)
  ctx.font = '12px sans-serif'
  ctx.lineWidth = 1
  ctx.strokeStyle = GRID
  ctx.fillStyle = TEXT
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const t of m.ticks) {
    ctx.beginPath()
    ctx.moveTo(m.box.left, t.y)
    ctx.lineTo(m.box.left + m.box.width, t.y)
    ctx.stroke()
    ctx.fillText(t.label, m.box.left - 4, t.y)
  }
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const l of m.xLabels) ctx.fillText(l.label, l.x, m.box.top + m.box.height + 6)
  for (const b of m.bars) {
    ctx.fillStyle = b.color
    ctx.fillRect(b.x, b.y, b.width, b.height)
  }
  ctx.lineWidth = 2
  for (const line of m.lines) {
    ctx.strokeStyle = line.color
    ctx.fillStyle = line.color
    for (const run of line.runs) {
      ctx.beginPath()
      run.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)))
      ctx.stroke()
      for (const p of run) {
        ctx.beginPath()
        ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2)
        ctx.fill()
      }
    }
  }
}

/** An SVG-style path of a run ("M x y L x y …"), for tests and debugging. */
export const pathOf = (run: { x: number; y: number }[]) =>
  run.map((p, i) => `${i ? 'L' : 'M'}${Math.round(p.x * 10) / 10} ${Math.round(p.y * 10) / 10}`).join(' ')

/** "3月" from '2026-03'. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`
