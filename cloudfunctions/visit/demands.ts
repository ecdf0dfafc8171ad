import type { ProblemInput, RaisedProblem } from '../../types/cadre-work'
import type { z } from '../../types/zod'

/**
 * The seam to the 办实事 demands ledger. For now the problems a visit raised are stored as structured
 * items on the visit record; when the ledger lands, this one function will create (or update) its
 * entries and keep their ids here. Stable ids: `${visitId}_p${n}`, so editing a record keeps them.
 */
export function raiseDemandsFromVisit(visit: { _id: string }, problems: z.output<typeof ProblemInput>[]): RaisedProblem[] {
  return problems.map((p, i) => ({ id: `${visit._id}_p${i + 1}`, area: p.area, text: p.text, handling: p.handling, status: 'open' as const }))
}
