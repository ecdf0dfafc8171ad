/**
 * The instant the tests run at. No test may depend on the real date: every test process, every emulator it
 * starts (and so every cloud function), and every browser page share one settable clock
 * (emulator/runtime/clock.cjs), set by test/setup/clock.ts at the start of each test file to
 * JDQ_TEST_CLOCK or the default below. Time flows on from there.
 *
 * `npm test` runs everything at the default and the date-dependent suites again at the instants where the
 * calendar turns: a month's first morning (when last month's summaries go out and last month's late ratings
 * still count), New Year's Eve in Beijing (the year's figures about to roll over), and the eve of the National
 * Day holiday (working-day deadlines jump over it).
 */
export const TEST_INSTANTS = {
  /** An ordinary working Tuesday mid-month. */
  ordinary: '2026-06-16T10:00:00+08:00',
  /** Early on the first of a month in Beijing, when it is still the last day of the month before in UTC. */
  monthStart: '2026-12-01T07:40:00+08:00',
  /** Late on New Year's Eve in Beijing. */
  yearEnd: '2026-12-31T22:50:00+08:00',
  /** The afternoon before National Day (Oct 1–7 off, Oct 10 worked in 2026). */
  holidayEve: '2026-09-30T16:00:00+08:00'
} as const

export type TestInstant = keyof typeof TEST_INSTANTS

/** The instant this run starts at: JDQ_TEST_CLOCK (a name above or an ISO instant) or the ordinary day. */
export function testInstant(): string {
  const v = process.env.JDQ_TEST_CLOCK
  if (!v) return TEST_INSTANTS.ordinary
  if (v in TEST_INSTANTS) return TEST_INSTANTS[v as TestInstant]
  if (Number.isNaN(Date.parse(v)))
    throw new Error(`JDQ_TEST_CLOCK="${v}" is neither an instant name (${Object.keys(TEST_INSTANTS).join(', ')}) nor an ISO instant`)
  return v
}
