import type { VisitStatus } from '@/types/visits'
import { visitStatusLabels } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'

/** "3月5日 09:30" in Beijing time. */
export function visitTime(iso: string): string {
  return beijing(iso).format('M月D日 HH:mm')
}

/** "2026年3月5日" from 'YYYY-MM-DD' or an instant. */
export function dateText(isoOrDate: string): string {
  return beijing(isoOrDate.length === 10 ? `${isoOrDate}T12:00:00+08:00` : isoOrDate).format('YYYY年M月D日')
}

export const statusTag: Record<VisitStatus, { label: string; tone: 'ok' | 'wait' | 'bad' }> = {
  counted: { label: visitStatusLabels.counted, tone: 'ok' },
  pending: { label: visitStatusLabels.pending, tone: 'wait' },
  rejected: { label: visitStatusLabels.rejected, tone: 'bad' }
}
