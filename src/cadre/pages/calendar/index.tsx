import { useState } from 'react'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { beijingDate, beijingMonth } from '@/types/rules/beijing-time'
import { shiftMonth } from './grid'
import { CalendarView } from './CalendarView'

/** 下基层日历. On open and on each month switch: `visit.calendar { month }`. */
export default function CalendarPage() {
  const now = new Date()
  const thisMonth = beijingMonth(now)
  const [month, setMonth] = useState(thisMonth)
  const calendar = useCloud(() => callCloud('visit', 'calendar', { month }), [month])
  usePageRefresh(calendar.reload)
  return (
    <View className='jdq-page'>
      <CalendarView
        month={month}
        thisMonth={thisMonth}
        today={beijingDate(now)}
        calendar={calendar}
        onMonth={(d) => setMonth((m) => shiftMonth(m, d))}
        onRetry={() => void calendar.reload()}
      />
    </View>
  )
}
