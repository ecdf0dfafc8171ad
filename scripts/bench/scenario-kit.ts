/** The pieces the bench scenarios are made of: who calls, and what a call needs prepared through the real functions. */
import { randomUUID } from 'node:crypto'
import { veteranOpenid } from './common'
import { callAs } from './measure'
import { beijingDate } from '@/types/rules/beijing-time'
import { buildDemoData } from '../seed/demo-data'

/** What a scenario's preparation gets: the emulator, the call's index and clock, and a memo per dataset size. */
export interface Prep {
  url: string
  i: number
  now: Date
  /** The veteran's liaison point's coordinates (a check-in there is inside). */
  home: { lat: number; lng: number } | undefined
  memo: Map<string, unknown>
}

export interface Scenario {
  /** fn.action, the row name in the report. */
  name: string
  fn: string
  /** Who calls: the veteran cadre (a tenth of all visits), their county manager, or a resident (per call). */
  as: string | ((i: number, now: Date) => string)
  /**
   * Runs before the measured call, outside the counted metrics: creates what an action can use only once
   * (a demand to resolve, a visit's QR code to rate) through the real functions.
   */
  prepare?: (p: Prep) => Promise<Record<string, unknown>>
  /** Built per call: writes need a fresh submission each time. */
  payload: (i: number, now: Date, prepared: Record<string, unknown>) => Record<string, unknown>
  /** For check-ins: the liaison point whose coordinates the fix takes. */
  pointId?: string
  /** The call is meant to be refused (what is measured is that it reads nothing before refusing). */
  refused?: boolean
}

export const countyManager = 'demo-union-xining-chengdong-manager'
/** The veteran's prefecture manager and province admin (the bench cadres share the demo organisations). */
export const prefectureManager = 'demo-union-xining-manager'
export const provinceAdmin = 'demo-union-admin'

export const at = (now: Date) => now.toISOString()
/** The Beijing date `days` from now. */
export const ahead = (now: Date, days: number) => beijingDate(now.getTime() + days * 86_400_000)
/**
 * One bench cadre per call (the veteran, cadre 0, is left alone): odd ones record a 蹲点 a province admin approves,
 * even ones a 外勤 a resident confirms — 32 calls of each fit the 100 cadres of the small dataset, 10 the quick one's 40.
 */
export const stayCadre = (i: number) => 1 + 2 * i
export const confirmCadre = (i: number) => 2 + 2 * i
export const counties = buildDemoData().orgs.filter((o) => o.level === 'county')
/** The province admin of bench cadre k's system (cadres are dealt to the demo counties in turn). */
export const adminOf = (i: number) => `demo-${counties[stayCadre(i) % counties.length].system}-admin`

/** A check-in at the point's own coordinates (the runner fills them in), a fresh submission each call. */
export function checkIn(name: string, as: string, pointId: string): Scenario {
  return {
    name,
    fn: 'visit',
    as,
    pointId,
    payload: (i, now) => ({
      action: 'checkIn',
      submissionId: `bench-run-${now.getTime()}-${i}`,
      pointId,
      fix: { lat: 0, lng: 0, accuracy: 15, capturedAt: at(now) },
      deviceNow: at(now),
      offline: false
    })
  }
}

export type Reply = Awaited<ReturnType<typeof callAs>>
export function ok<T>(r: Reply, what: string): T {
  if (!r.ok) throw new Error(`preparing ${what}: ${r.code}: ${r.message}`)
  return r.data as T
}

/** A fresh resident per call: one rating per resident per target, and the daily rate limit per openid. */
export const resident = (i: number, now: Date) => `bench-resident-run-${now.getTime()}-${i}`

/** A new visit of the veteran at their point, and its QR code (the scene a resident scans). */
export async function visitScene(p: Prep): Promise<string> {
  const at = p.now.toISOString()
  const checkIn = ok<{ visit: { id: string } }>(
    await callAs(p.url, veteranOpenid, 'visit', {
      action: 'checkIn',
      submissionId: `bench-prep-${p.now.getTime()}-${p.i}`,
      pointId: 'bench-point-0',
      fix: { ...(p.home ?? { lat: 0, lng: 0 }), accuracy: 15, capturedAt: at },
      deviceNow: at,
      offline: false
    }),
    'a visit'
  )
  return ok<{ scene: string }>(await callAs(p.url, veteranOpenid, 'ratings', { action: 'qr', kind: 'visit', targetId: checkIn.visit.id }), 'its QR code').scene
}

/**
 * A rating held for review: one more resident on a visit without a record that new residents have already rated
 * past what it plausibly takes (the scene is shared per dataset, so the first call fills it).
 */
export async function heldRating(p: Prep): Promise<string> {
  if (!p.memo.has('fullScene')) {
    const scene = await visitScene(p)
    for (let k = 0; k < 5; k++)
      ok(await callAs(p.url, `bench-filler-${p.now.getTime()}-${k}`, 'ratings', { action: 'rate', scene, level: 'satisfied', tags: [] }), 'a rating')
    p.memo.set('fullScene', scene)
  }
  const rated = ok<{ rating: { id: string } }>(
    await callAs(p.url, `bench-held-${p.now.getTime()}-${p.i}`, 'ratings', { action: 'rate', scene: p.memo.get('fullScene'), level: 'satisfied', tags: [] }),
    'a held rating'
  )
  return rated.rating.id
}

/** One visit scene per dataset, for the read-only rows. */
export async function sharedScene(p: Prep): Promise<string> {
  if (!p.memo.has('scene')) p.memo.set('scene', await visitScene(p))
  return p.memo.get('scene') as string
}

export type Step = 'resolve' | 'coordinate' | 'close' | 'extension' | 'report' | 'invalidate' | 'ratedBadly'

/** A new demand in the veteran's ledger, moved through `steps` before the measured call. */
export async function demandIn(p: Prep, steps: Step[]): Promise<{ demandId: string; sceneCode: string | null; until?: string }> {
  const d = ok<{ id: string }>(
    await callAs(p.url, veteranOpenid, 'demands', {
      action: 'create',
      submissionId: randomUUID(),
      area: 'living',
      urgency: 'general',
      text: `基准测试：路灯坏了（${p.i}）`
    }),
    'a demand'
  )
  let sceneCode: string | null = null
  // The latest date an extension may ask for (the rules' limit), from the demand as its cadre sees it.
  const until = ok<{ deadlineBounds: { maxExtension: string } }>(
    await callAs(p.url, veteranOpenid, 'demands', { action: 'get', demandId: d.id }),
    'its deadline bounds'
  ).deadlineBounds.maxExtension
  for (const step of steps) {
    if (step === 'ratedBadly') {
      ok(
        await callAs(p.url, `bench-unhappy-${p.now.getTime()}-${p.i}`, 'ratings', {
          action: 'rate',
          scene: sceneCode,
          level: 'dissatisfied',
          tags: ['问题没解决']
        }),
        'a 不满意 rating'
      )
      continue
    }
    const data = {
      resolve: { action: 'resolve', done: '当场联系电工修好了' },
      coordinate: { action: 'coordinate', department: '县住建局' },
      close: { action: 'close', reply: '已告诉群众修好了' },
      extension: { action: 'requestExtension', until, reason: '部门排期' },
      report: { action: 'report', toOrgId: 'org-union-xining-chengdong', reason: '需要县里统筹', explanation: '已向县里反映' },
      invalidate: { action: 'invalidate', kind: 'spam', reason: '广告' }
    }[step]
    sceneCode = ok<{ sceneCode: string | null }>(await callAs(p.url, veteranOpenid, 'demands', { ...data, demandId: d.id }), `demands.${step}`).sceneCode
  }
  return { demandId: d.id, sceneCode, until }
}
