import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { buildChart, drawChart, type Ctx2D, type Series } from './model'
import './Chart.scss'

export interface ChartProps {
  kind: 'line' | 'bar'
  labels: string[]
  series: Series[]
  /** CSS pixels. */
  height?: number
  /** Values are shares 0..1 (axis in %). */
  share?: boolean
  /** The chart in words, under it: what it shows and the latest figure (also what a screen reader reads). */
  caption: string
  testId?: string
}

let seq = 0

interface CanvasNode {
  width: number
  height: number
  clientWidth?: number
  clientHeight?: number
  getContext(kind: '2d'): (Ctx2D & { scale(x: number, y: number): void; setTransform?(...a: number[]): void }) | null
}

/**
 * A small line or bar chart on a Canvas 2D (type="2d", the same drawing API on weapp and H5): the model is
 * built by the pure ./model.ts and drawn once the canvas node is there; redrawn when the data changes.
 * Where no canvas can be drawn (jsdom), the caption and the legend still say what it shows.
 */
export function Chart({ kind, labels, series, height = 180, share = false, caption, testId }: ChartProps) {
  const id = useRef(`jdq-chart-${++seq}`).current
  const key = JSON.stringify([kind, labels, series, height, share])

  useEffect(() => {
    let cancelled = false
    const draw = () => {
      try {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: { node?: CanvasNode; width?: number; height?: number }[] | null) => {
            const r = res?.[0]
            if (cancelled || !r?.node) return
            const canvas = r.node
            // The mini-program answers the size with the node; H5's query returns the <canvas> alone.
            const width = r.width || canvas.clientWidth || 300
            const h = r.height || canvas.clientHeight || height
            const ctx = canvas.getContext('2d')
            if (!ctx) return
            const dpr = Taro.getSystemInfoSync().pixelRatio || 1
            canvas.width = Math.round(width * dpr)
            canvas.height = Math.round(h * dpr)
            if (ctx.setTransform) ctx.setTransform(1, 0, 0, 1, 0, 0)
            ctx.scale(dpr, dpr)
            drawChart(ctx, buildChart({ kind, labels, series, width, height: h, share }), width, h)
          })
      } catch {
        // No canvas here (a test DOM): the caption says it in words.
      }
    }
    const timer = setTimeout(draw, 0)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the drawn values serialized: redraw when they change, not when a parent passes equal arrays anew
  }, [key])

  return (
    <View className='jdq-chart' data-testid={testId}>
      <Canvas type='2d' id={id} className='jdq-chart__canvas' style={{ height: `${height}px` }} />
      {series.length > 1 ? (
        <View className='jdq-chart__legend'>
          {series.map((s) => (
            <View key={s.name} className='jdq-chart__key'>
              <View className='jdq-chart__swatch' style={{ background: s.color }} />
              <Text className='jdq-chart__key-text'>{s.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Text className='jdq-chart__caption' data-testid={testId ? `${testId}-caption` : undefined}>
        {caption}
      </Text>
    </View>
  )
}
