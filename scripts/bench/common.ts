/** What the bench's generators share: the two measured cadres' ids, and documents in batches of BATCH. */

export const VETERAN = 'bench-cadre-0'
export const veteranOpenid = `openid-${VETERAN}`
/** A cadre with exactly LIGHT_VISITS earlier visits at every size: check-in cost must not depend on history. */
export const LIGHT = 'bench-light'
export const lightOpenid = `openid-${LIGHT}`
export const LIGHT_VISITS = 10
export const BATCH = 1000

export type Docs = Array<Record<string, unknown> & { _id: string }>

export interface Batch {
  collection: string
  docs: Docs
}

export function* chunks(collection: string, docs: object[]): Generator<Batch> {
  for (let i = 0; i < docs.length; i += BATCH) yield { collection, docs: docs.slice(i, i + BATCH) as Docs }
}
