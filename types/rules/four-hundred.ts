/**
 * 四个百家, defined by recorded facts only (never by check-ins or time in the app), per household of the cadre's
 * 一户一册 registry and per Beijing year:
 *   进百家门 entered  — a visit record of the year names the household (the visit was a counted check-in)
 *   知百家情 known    — the household's circumstances and needs were written or confirmed in the year
 *   解百家忧 relieved — a 帮扶 measure of the year is marked resolved (a linked ledger entry must be finished)
 *   暖百家心 warmed   — a 慰问 was recorded for the household in the year
 * A household counts once per fact per year, however many visits or entries. Targets are shares of the registry
 * (制度: fourHundredTargets). 进百家门 of a past year is only known for the year of the household's latest visit (the
 * registry keeps one year's visit count); the packs read past years from the figures kept when the year was current.
 */
import type { FourFlags, HelpKind } from '../household-book'

export const fourHundredKeys = ['entered', 'known', 'relieved', 'warmed'] as const
export type FourHundredKey = (typeof fourHundredKeys)[number]
export const fourHundredLabels: Record<FourHundredKey, string> = { entered: '进百家门', known: '知百家情', relieved: '解百家忧', warmed: '暖百家心' }
export const fourHundredMeaning: Record<FourHundredKey, string> = {
  entered: '今年的走访记录里写到了这一户',
  known: '今年填写或确认过这一户的家庭情况和需求',
  relieved: '今年有一项帮扶标为“已解决”',
  warmed: '今年登记过一次慰问'
}

/** What a household document keeps for the counts: the latest year of each fact, and the help per year. */
export interface FourHundredFields {
  visitsYear: number | null
  visitsInYear: number
  knownYear?: number | null
  /** Every year the record was written or confirmed (a past year's count stays right after a new confirmation). */
  knownYears?: number[]
  relievedYear?: number | null
  warmedYear?: number | null
  /** Per Beijing year: 慰问 entries and resolved 帮扶 entries (exact, moved in the entry's transaction). */
  helpCounts?: Record<string, { care: number; solved: number }>
}

export function flagsOf(h: FourHundredFields, year: number): FourFlags {
  // warmedYear/relievedYear are what the count queries read; helpCounts answers for any year.
  return {
    entered: h.visitsYear === year && h.visitsInYear > 0,
    known: h.knownYear === year || Boolean(h.knownYears?.includes(year)),
    relieved: h.relievedYear === year || (h.helpCounts?.[String(year)]?.solved ?? 0) > 0,
    warmed: h.warmedYear === year || (h.helpCounts?.[String(year)]?.care ?? 0) > 0
  }
}

/** An entry added (+1) or taken back (−1): the counts of its year, and the latest years derived from them. */
export function applyHelp(
  h: FourHundredFields,
  entry: { kind: HelpKind; solved: boolean; year: number },
  delta: 1 | -1
): Pick<FourHundredFields, 'helpCounts' | 'relievedYear' | 'warmedYear'> {
  const counts = { ...(h.helpCounts ?? {}) }
  const key = String(entry.year)
  const c = { ...(counts[key] ?? { care: 0, solved: 0 }) }
  if (entry.kind === 'care') c.care = Math.max(0, c.care + delta)
  else if (entry.solved) c.solved = Math.max(0, c.solved + delta)
  counts[key] = c
  const latest = (k: 'care' | 'solved') => {
    const years = Object.entries(counts)
      .filter(([, v]) => v[k] > 0)
      .map(([y]) => Number(y))
    return years.length ? Math.max(...years) : null
  }
  return { helpCounts: counts, warmedYear: latest('care'), relievedYear: latest('solved') }
}

export interface FourHundredCounts {
  households: number
  entered: number
  known: number
  relieved: number
  warmed: number
}

export function countFourHundred(households: readonly FourHundredFields[], year: number): FourHundredCounts {
  const out: FourHundredCounts = { households: households.length, entered: 0, known: 0, relieved: 0, warmed: 0 }
  for (const h of households) {
    const f = flagsOf(h, year)
    for (const k of fourHundredKeys) if (f[k]) out[k] += 1
  }
  return out
}

/** The count a target asks for: its share of the registry, rounded up (100 % of 7 households is 7). */
export const targetCount = (households: number, percent: number) => Math.ceil((households * percent) / 100)
