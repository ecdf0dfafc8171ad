import { beijingStartOf } from '@/types/rules/beijing-time'

/** A Beijing period ('YYYY', 'YYYY-Qn', 'YYYY-MM') as the instants [from, to). */
export function periodRange(period: string): { from: Date; to: Date } {
  const year = Number(period.slice(0, 4))
  const pad = (m: number) => String(m).padStart(2, '0')
  const start = (y: number, m: number) => (m > 12 ? beijingStartOf(`${y + 1}-01-01`) : beijingStartOf(`${y}-${pad(m)}-01`))
  const q = /^\d{4}-Q([1-4])$/.exec(period)
  if (q) {
    const m = (Number(q[1]) - 1) * 3 + 1
    return { from: start(year, m), to: start(year, m + 3) }
  }
  const mm = /^\d{4}-(\d{2})$/.exec(period)
  if (mm) {
    const m = Number(mm[1])
    return { from: start(year, m), to: start(year, m + 1) }
  }
  return { from: start(year, 1), to: start(year + 1, 1) }
}

/** Words for a period in a file name: 2026年, 2026年第1季度, 2026年3月. */
export function periodWords(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period)
  if (q) return `${q[1]}年第${q[2]}季度`
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (m) return `${m[1]}年${Number(m[2])}月`
  return `${period}年`
}
