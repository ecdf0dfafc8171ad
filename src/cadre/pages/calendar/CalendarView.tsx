import { Text, View } from '@tarojs/components'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { monthGrid, monthTitle } from './grid'
import './index.scss'

export interface CalendarData {
  /** First date covered ('YYYY-MM-DD'): data of another month is not shown while the new one loads. */
  from: string
  /** Days at the grassroots: visits counted that day, and whether an approved 蹲点 covers it. */
  days: { date: string; visits: number; stay?: boolean }[]
  /** Approved 请假/培训/抽调 (the pace pauses then). */
  paused?: { kind: 'leave' | 'training' | 'secondment'; from: string; to: string }[]
}

const pauseWords = { leave: '请假', training: '培训', secondment: '抽调' } as const

export interface CalendarViewProps {
  month: string
  /** The current Beijing month: no switching past it. */
  thisMonth: string
  /** Beijing date today, marked. */
  today: string
  calendar: Pick<CloudState<CalendarData>, 'loading' | 'error' | 'data'>
  onMonth: (delta: -1 | 1) => void
  onRetry: () => void
}

const weekdays = ['一', '二', '三', '四', '五', '六', '日']

/** 下基层日历: a month, days with counted visits marked. */
export function CalendarView(p: CalendarViewProps) {
  const data = p.calendar.data && p.calendar.data.from.startsWith(p.month) ? p.calendar.data : undefined
  const counted = new Map((data?.days ?? []).map((d) => [d.date, d]))
  const pausedOn = (date: string) => (data?.paused ?? []).find((x) => x.from <= date && date <= x.to)
  const canNext = p.month < p.thisMonth
  return (
    <View data-testid='calendar'>
      <View className='cal-switch'>
        <View className='cal-switch__btn' onClick={() => p.onMonth(-1)} data-testid='prev-month'>
          <Text>‹ 上个月</Text>
        </View>
        <Text className='cal-switch__title' data-testid='month-title'>
          {monthTitle(p.month)}
        </Text>
        <View
          className={`cal-switch__btn${canNext ? '' : ' cal-switch__btn--off'}`}
          onClick={() => (canNext ? p.onMonth(1) : undefined)}
          data-testid='next-month'
        >
          <Text>下个月 ›</Text>
        </View>
      </View>
      {!data ? (
        p.calendar.error && !p.calendar.loading ? (
          <ErrorView error={p.calendar.error} onRetry={p.onRetry} retrying={p.calendar.loading} />
        ) : (
          <LoadingView />
        )
      ) : (
        <Card>
          <View className='cal-row'>
            {weekdays.map((w) => (
              <Text key={w} className='cal-head'>
                {w}
              </Text>
            ))}
          </View>
          {monthGrid(p.month).map((row, i) => (
            <View key={i} className='cal-row'>
              {row.map((c, j) =>
                c.date ? (
                  <View
                    key={c.date}
                    className={`cal-cell${counted.has(c.date) ? ' cal-cell--on' : pausedOn(c.date) ? ' cal-cell--paused' : ''}${c.date === p.today ? ' cal-cell--today' : ''}`}
                    data-testid={counted.has(c.date) ? 'day-counted' : pausedOn(c.date) ? 'day-paused' : 'day'}
                    data-date={c.date}
                  >
                    <Text className='cal-cell__day'>{c.day}</Text>
                    {counted.has(c.date) ? (
                      <Text className='cal-cell__mark'>{counted.get(c.date)!.visits > 0 ? `${counted.get(c.date)!.visits}次` : '蹲点'}</Text>
                    ) : pausedOn(c.date) ? (
                      <Text className='cal-cell__mark'>{pauseWords[pausedOn(c.date)!.kind]}</Text>
                    ) : null}
                  </View>
                ) : (
                  <View key={`b${j}`} className='cal-cell cal-cell--blank' />
                )
              )}
            </View>
          ))}
          <Text className='jdq-text' data-testid='month-summary'>
            {data.days.length > 0 ? `本月下基层 ${data.days.length} 天（红色的日子）` : '这个月还没有计入的走访'}
          </Text>
          {(data.paused ?? []).length ? (
            <Text className='jdq-text' data-testid='month-paused'>
              {(data.paused ?? []).map((x) => `${pauseWords[x.kind]} ${Number(x.from.slice(8))}—${Number(x.to.slice(8))} 日`).join('，')}：这些天下基层进度暂停
            </Text>
          ) : null}
          <Text className='cal-note'>只显示已计入的日子：外勤审核通过或群众扫码确认后、蹲点审批通过后才会标上。</Text>
        </Card>
      )}
    </View>
  )
}
