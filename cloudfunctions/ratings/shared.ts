import type { RatingTarget } from '@/types/service'
import { sceneKindOf } from '@/types/rules/service'
import { collection, type VisitDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { rows } from '../_lib/query'
import { caseIdFor, demandRound, ratingIdFor, type CaseDoc, type DemandDoc, type RatingDoc, type SceneDoc } from '../_lib/service'
import { byId } from '../_lib/by-id'

export async function sceneOf(code: string): Promise<SceneDoc> {
  const scene = await byId<SceneDoc>('scenes', code)
  if (!scene) throw new AppError('NOT_FOUND', '这个二维码已失效，请联系干部重新出示')
  return scene
}

export interface Target {
  kind: RatingTarget
  id: string
  /** A demand's round (a 重办 is rated anew); 0 for a visit or a fix. */
  round: number
  /** When the rated thing happened: the window counts from it. */
  eventAt: Date
  owner: { cadreId: string; cadreName: string; orgId: string; orgPath: string[] }
  /** The rated visit (its record sizes the event) or demand, or the case whose fix is rated. */
  visit?: VisitDoc
  demand?: DemandDoc
  case?: CaseDoc
}

const PLATE = '这是联系点的二维码，用于随时反映问题；评价请扫干部走访时出示的二维码'

function visitTarget(v: VisitDoc | null): Target {
  if (!v || v.status === 'rejected') throw new AppError('NOT_FOUND', '没有找到这次走访，二维码可能已失效')
  return { kind: 'visit', id: v._id, round: 0, eventAt: new Date(v.visitedAt), owner: v, visit: v }
}

function demandTarget(d: DemandDoc | null): Target {
  if (!d) throw new AppError('NOT_FOUND', '没有找到这件事，二维码可能已失效')
  if (d.status !== 'closed' || !d.closedAt) throw new AppError('CONFLICT', '这件事还在办理中，办结并答复您之后才能评价')
  return { kind: 'demand', id: d._id, round: demandRound(d), eventAt: new Date(d.closedAt), owner: d, demand: d }
}

/** What the scene itself is about: its visit, or its (answered) demand. */
export async function serviceTarget(scene: SceneDoc): Promise<Target> {
  if (scene.kind === 'visit') return visitTarget(await byId<VisitDoc>('visits', scene.targetId))
  if (scene.kind === 'demand') return demandTarget(await byId<DemandDoc>('demands', scene.targetId))
  throw new AppError('BAD_REQUEST', PLATE)
}

/**
 * The service behind a code in ONE read where it can: a visit or a demand carries its own scene code (sceneCode,
 * indexed), so the scene document is not needed. A visit whose code was made before visits carried it is found
 * through the scene document. A plate code has no service to rate.
 */
export async function serviceByCode(code: string): Promise<Target> {
  const kind = sceneKindOf(code)
  if (kind === 'point') throw new AppError('BAD_REQUEST', PLATE)
  if (kind === 'demand') {
    const [d] = await rows<DemandDoc>(collection('demands').where({ sceneCode: code }).limit(1))
    if (d) return demandTarget(d)
  } else if (kind === 'visit') {
    const [v] = await rows<VisitDoc>(collection('visits').where({ sceneCode: code }).limit(1))
    if (v) return visitTarget(v)
  }
  return serviceTarget(await sceneOf(code))
}

/**
 * The target of a rating from a code: the code's service (default), one of my demands reported through this code
 * (about 'demand': read by its id, it names the code it came through), or the fix of my 差评 on the code's service
 * (about 'fix').
 */
export async function rateTarget(code: string, about: 'service' | 'demand' | 'fix', demandId: string | undefined, openid: string): Promise<Target> {
  if (about === 'demand') {
    if (!demandId) throw new AppError('BAD_REQUEST', '请选择要评价的问题')
    const d = await byId<DemandDoc>('demands', demandId)
    if (!d || d.residentOpenid !== openid || d.viaScene !== code) throw new AppError('NOT_FOUND', '没有找到您反映的这个问题')
    if (d.status !== 'closed' || !d.closedAt) throw new AppError('CONFLICT', '这个问题还在办理中，办结并答复您之后才能评价')
    return { kind: 'demand', id: d._id, round: demandRound(d), eventAt: new Date(d.closedAt), owner: d, demand: d }
  }
  const service = await serviceByCode(code)
  if (about === 'service') return service
  const c = await byId<CaseDoc>('badReviewCases', caseIdFor(ratingIdFor(service.kind, service.id, openid, service.round)))
  if (!c || c.status === 'voided') throw new AppError('NOT_FOUND', '您在这里没有待评价的整改')
  if (c.status !== 'rectified' || !c.rectification) throw new AppError('CONFLICT', '整改还没有完成，完成后会告诉您，再来评价')
  return { kind: 'fix', id: c._id, round: 0, eventAt: new Date(c.rectification.at), owner: c, case: c }
}

/** The same targets from a scene already read (landing, 追评). */
export async function resolveTarget(scene: SceneDoc, about: 'service' | 'demand' | 'fix', demandId: string | undefined, openid: string): Promise<Target> {
  if (about === 'service') return serviceTarget(scene)
  return rateTarget(scene._id, about, demandId, openid)
}

export const myRating = (t: Pick<Target, 'kind' | 'id' | 'round'>, openid: string) => byId<RatingDoc>('ratings', ratingIdFor(t.kind, t.id, openid, t.round))

/** Any staff account, of any system: 群众点评 takes residents' ratings only. */
export const STAFF_CANNOT_RATE = '您是工作人员，群众点评只收群众的评价'
