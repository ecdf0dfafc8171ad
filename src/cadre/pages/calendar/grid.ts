import dayjs from 'dayjs'

export interface Cell {
  /** 'YYYY-MM-DD', or null for the blanks before the 1st and after the last day. */
  date: string | null
  day: number
}

/** The month as weeks from Monday: 'YYYY-MM' → rows of 7 cells. */
export function monthGrid(month: string): Cell[][] {
  const first = dayjs(`${month}-01T12:00:00`)
  const days = first.daysInMonth()
  const lead = (first.day() + 6) % 7 // Monday = 0
  const cells: Cell[] = []
  for (let i = 0; i < lead; i++) cells.push({ date: null, day: 0 })
  for (let d = 1; d <= days; d++) cells.push({ date: `${month}-${String(d).padStart(2, '0')}`, day: d })
  while (cells.length % 7 !== 0) cells.push({ date: null, day: 0 })
  const rows: Cell[][] = []
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7))
  return rows
}

/** 'YYYY-MM' plus n months. */
export function shiftMonth(month: string, n: number): string {
  return dayjs(`${month}-01T12:00:00`).add(n, 'month').format('YYYY-MM')
}

export function monthTitle(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}
