/** An instant as replies carry it: ISO 8601 in UTC (pages turn it into Beijing time); nothing stays null. */
export function iso(d: Date | string): string
export function iso(d: Date | string | null | undefined): string | null
export function iso(d: Date | string | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null
}
