/**
 * The village view across systems: places (villages and communities by their 12-digit division code) and the
 * month's counted visits at each, kept as visits are counted: by increments after an inside check-in
 * (cloudfunctions/visit/handlers/checkIn.ts), inside the transaction that counts an approved 外勤 (countVisit).
 */
import { type Tx } from './tx'
import { addIfAbsent } from './create-once'
import { _ } from './cloud'
import { collection, type OrgDoc, type UserDoc } from './collections'
import { AppError } from './errors'
import { rows } from './query'
import { txGet } from './by-id'

export interface PlaceDoc {
  /** The 12-digit division code. */
  _id: string
  name: string
  town: string
  countyCode: string
  updatedAt: Date
}

export interface PlaceMonthDoc {
  /** `${placeCode}_${month}` */
  _id: string
  placeCode: string
  countyCode: string
  month: string
  total: number
  /** Counted visits by the visiting cadre's unit (org id). */
  units: Record<string, number>
  updatedAt: Date
}

export const placeMonthId = (placeCode: string, month: string) => `${placeCode}_${month}`

/** Inside the transaction that counts a visit: its place's month moves by one (one read, one write). */
export async function bumpPlaceMonth(tx: Tx, v: { placeCode?: string | null; orgId: string; month: string }, now: Date): Promise<void> {
  if (!v.placeCode) return
  const id = placeMonthId(v.placeCode, v.month)
  const ref = tx.collection('placeMonths').doc(id)
  const found = await txGet<PlaceMonthDoc>(tx, 'placeMonths', id)
  const units = { ...(found?.units ?? {}) }
  units[v.orgId] = (units[v.orgId] ?? 0) + 1
  const doc = { placeCode: v.placeCode, countyCode: v.placeCode.slice(0, 6), month: v.month, total: (found?.total ?? 0) + 1, units, updatedAt: now }
  if (found) await ref.set({ data: doc })
  else await tx.collection('placeMonths').add({ data: { _id: id, ...doc } })
}

/**
 * Outside a transaction (a check-in counted without one): the place's month by atomic increments, created with the
 * first visit (its unique _id: a concurrent first visit adds it once, the other increments it).
 */
export async function incPlaceMonth(v: { placeCode?: string | null; orgId: string; month: string }, now: Date): Promise<void> {
  if (!v.placeCode) return
  const _id = placeMonthId(v.placeCode, v.month)
  const doc: PlaceMonthDoc = {
    _id,
    placeCode: v.placeCode,
    countyCode: v.placeCode.slice(0, 6),
    month: v.month,
    total: 1,
    units: { [v.orgId]: 1 },
    updatedAt: now
  }
  if (await addIfAbsent('placeMonths', doc)) return
  await collection('placeMonths')
    .doc(_id)
    .update({ data: { total: _.inc(1), [`units.${v.orgId}`]: _.inc(1), updatedAt: now } })
}

/** The area the caller's node serves; staff of a node without one are told to ask the province office. */
export async function areaOf(user: UserDoc): Promise<string> {
  const [org] = await rows<OrgDoc>(collection('orgs').where({ _id: user.orgId }).field({ divisionCode: true }).limit(1))
  if (!org?.divisionCode) throw new AppError('FORBIDDEN', '本单位还没有设置所服务的行政区划，请联系省活动办设置')
  return org.divisionCode
}

/** A place (or county) inside the caller's area: any system's staff there may see who visited it. */
export function requireInArea(area: string, code: string): void {
  if (!code.startsWith(area)) throw new AppError('FORBIDDEN', '只能查看本单位所服务地区内的村（社区）')
}
