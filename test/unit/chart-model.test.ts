import {
  bands,
  buildChart,
  drawChart,
  labelStride,
  linear,
  monthLabel,
  niceStep,
  niceTicks,
  pathOf,
  shortNumber,
  type Ctx2D
} from '@/src/manager/components/charts/model'

describe('chart scales and ticks', () => {
  it('picks steps of 1, 2 or 5 × 10^n and ticks from 0 covering the maximum', () => {
    expect(niceStep(10, 4)).toBe(5)
    expect(niceStep(37, 4)).toBe(10)
    expect(niceStep(0.8, 4)).toBe(0.2)
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40])
    expect(niceTicks(3)).toEqual([0, 1, 2, 3])
    expect(niceTicks(0)).toEqual([0, 1])
    expect(niceTicks(20)).toEqual([0, 5, 10, 15, 20])
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500])
    expect(niceTicks(0.8, 4, false)).toEqual([0, 0.2, 0.4, 0.6, 0.8])
  })
  it('maps linearly and splits bands', () => {
    const y = linear(0, 40, 200, 0)
    expect(y(0)).toBe(200)
    expect(y(10)).toBe(150)
    const b = bands(4, 0, 100, 0.2)
    expect(b.step).toBe(25)
    expect(b.width).toBe(20)
    expect(b.start(1)).toBe(27.5)
    expect(b.center(3)).toBe(87.5)
  })
  it('shortens labels for narrow axes', () => {
    expect(shortNumber(12000)).toBe('1.2万')
    expect(shortNumber(35)).toBe('35')
    expect(shortNumber(0.333)).toBe('0.33')
    expect(monthLabel('2026-03')).toBe('3月')
    expect(labelStride(12, 6)).toBe(2)
    expect(labelStride(5, 6)).toBe(1)
  })
})

describe('chart models', () => {
  const labels = ['1月', '2月', '3月', '4月']
  it('a line: points across the plot, breaks where a value is missing, every label that fits', () => {
    const m = buildChart({ kind: 'line', labels, series: [{ name: '走访', color: '#c00', values: [0, 10, null, 20] }], width: 336, height: 134 })
    expect(m.box).toEqual({ left: 36, top: 10, width: 284, height: 100 })
    expect(m.ticks.map((t) => [t.label, t.y])).toEqual([
      ['0', 110],
      ['5', 85],
      ['10', 60],
      ['15', 35],
      ['20', 10]
    ])
    expect(m.lines[0].runs.map(pathOf)).toEqual(['M36 110 L130.7 60', 'M320 10'])
    expect(m.xLabels.map((l) => l.label)).toEqual(labels)
    expect(m.empty).toBe(false)
    // 12 months on a narrow phone: every third label, counted from the latest so it always shows.
    const year = buildChart({
      kind: 'line',
      labels: Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
      series: [{ name: '走访', color: '#c00', values: Array(12).fill(1) }],
      width: 280,
      height: 120
    })
    expect(year.xLabels.map((l) => l.label)).toEqual(['3月', '6月', '9月', '12月'])
  })
  it('bars: one group per label, series side by side, heights from the zero line', () => {
    const m = buildChart({ kind: 'bar', labels: ['立即解决', '协调解决'], series: [{ name: '件数', color: '#c00', values: [4, 2] }], width: 236, height: 134 })
    expect(m.bars.map((b) => [b.label, b.value, Math.round(b.height), Math.round(b.width)])).toEqual([
      ['立即解决', 4, 100, 67],
      ['协调解决', 2, 50, 67]
    ])
    expect(m.bars[0].y + m.bars[0].height).toBe(110)
  })
  it('shares run on a fixed 0–100 % axis; no data is an empty chart', () => {
    const m = buildChart({
      kind: 'line',
      labels,
      series: [{ name: '满意率', color: '#c00', values: [null, null, null, null] }],
      width: 300,
      height: 120,
      share: true
    })
    expect(m.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%'])
    expect(m.empty).toBe(true)
    expect(m.lines[0].runs).toEqual([])
  })
  it('draws grid, labels, bars and lines as Canvas 2D calls', () => {
    const calls: string[] = []
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (t, p: string) => (p in t ? t[p] : (...a: unknown[]) => calls.push(`${p}(${a.map((x) => (typeof x === 'number' ? Math.round(x) : x)).join(',')})`)),
      set: (t, p: string, v) => ((t[p] = v), true)
    }) as unknown as Ctx2D
    const m = buildChart({ kind: 'line', labels: ['1月', '2月'], series: [{ name: '走访', color: '#c00', values: [1, 2] }], width: 200, height: 100 })
    drawChart(ctx, m, 200, 100)
    expect(calls[0]).toBe('clearRect(0,0,200,100)')
    expect(calls).toContain('fillText(1月,36,82)')
    expect(calls.filter((c) => c.startsWith('arc('))).toHaveLength(2)
    expect(ctx.strokeStyle).toBe('#c00')
  })
})
