export interface BenchSize {
  name: string
  cadres: number
  visits: number
  households: number
}

/** The sizes issue 7 asks for; ratings and demands join when the ledger lands. */
export const sizes: Record<string, BenchSize> = {
  small: { name: 'small', cadres: 100, visits: 10_000, households: 500 },
  large: { name: 'large', cadres: 10_000, visits: 1_000_000, households: 50_000 },
  // `npm test` runs the bench in this mode: the same shape, small enough for CI.
  'quick-small': { name: 'quick-small', cadres: 40, visits: 2_000, households: 200 },
  'quick-large': { name: 'quick-large', cadres: 400, visits: 40_000, households: 2_000 }
}
