import { Pack, PackInput } from '../packs'

/** The `packs` cloud function: month-end and year-end packs of a cadre or a unit (the .xlsx comes from `exports`). */
export const packsApi = {
  get: { input: PackInput, output: Pack }
} as const
