export interface BenchSize {
  name: string
  cadres: number
  visits: number
  households: number
  /** 群众点评 on the visits (a tenth on the veteran, like the visits), with their 差评 cases. */
  ratings: number
  /** Ledger entries raised on visits, in every state. */
  demands: number
  /**
   * Resident answers already in the veteran's questionnaire. Answering and reading results are measured at 10,000
   * in the quick run too (a few seconds of loading), so every `npm test` shows them at that size.
   */
  surveyAnswers: number
  /** The reminders sender's population (a separate emulator: users, visitStats, subscriptions only). */
  reminderCadres: number
}

/** The sizes measured (large: 10,000 cadres, 1,000,000 visits, 300,000 ratings, 100,000 demands). */
export const sizes: Record<string, BenchSize> = {
  small: { name: 'small', cadres: 100, visits: 10_000, households: 500, ratings: 3_000, demands: 1_000, surveyAnswers: 100, reminderCadres: 1_000 },
  large: {
    name: 'large',
    cadres: 10_000,
    visits: 1_000_000,
    households: 50_000,
    ratings: 300_000,
    demands: 100_000,
    surveyAnswers: 10_000,
    reminderCadres: 100_000
  },
  // `npm test` runs the bench in this mode: the same shape, small enough for CI.
  'quick-small': { name: 'quick-small', cadres: 40, visits: 2_000, households: 200, ratings: 600, demands: 200, surveyAnswers: 20, reminderCadres: 200 },
  'quick-large': {
    name: 'quick-large',
    cadres: 400,
    visits: 40_000,
    households: 2_000,
    ratings: 6_000,
    demands: 2_000,
    surveyAnswers: 10_000,
    reminderCadres: 2_000
  }
}
