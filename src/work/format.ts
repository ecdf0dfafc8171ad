import { beijing } from '@/types/rules/beijing-time'

/** "3月5日" in Beijing time, from an instant or a 'YYYY-MM-DD' date. */
export const dayText = (isoOrDate: string) => beijing(isoOrDate.length === 10 ? `${isoOrDate}T12:00:00+08:00` : isoOrDate).format('M月D日')

/** 0.756 → "75.6%"; null → "—". */
export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`)

/** This month and the eleven before it, newest first, as 'YYYY-MM' with a label. */
export function recentMonths(now: Date, n = 12): { value: string; label: string }[] {
  const b = beijing(now).startOf('month')
  return Array.from({ length: n }, (_, i) => {
    const m = b.subtract(i, 'month')
    return { value: m.format('YYYY-MM'), label: i === 0 ? `本月（${m.month() + 1}月）` : `${m.year()}年${m.month() + 1}月` }
  })
}
