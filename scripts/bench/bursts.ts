/**
 * Bursts, measured as they happen in the field: a 座谈会 with its QR code on the wall (200 residents rating one
 * visit within a minute, 40 calls in flight, each resident on their own network), and 200 cadres of different
 * units checking in at once. Every call must be answered (no INTERNAL, no timeout), each rating counted exactly
 * once and each check-in counted once; per call the DB operations, and p50/p95 latency.
 */
import { randomUUID } from 'node:crypto'
import { callAs, callFrom, inFlight, loopback, warmInstances } from '@/test/helpers/gateway'
import { flatCounts } from '@/cloudfunctions/_lib/stat-rules'
import { beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { connectSdk } from '../sdk'
import { metrics, percentile } from './measure'
import { VETERAN, veteranOpenid } from './common'

export interface BurstResult {
  name: string
  calls: number
  inFlight: number
  /** Calls not answered with ok: timeouts and platform errors by HTTP status, refusals by code. */
  errors: number
  errorKinds: Record<string, number>
  p50Ms: number
  p95Ms: number
  dbOpsPerCall: number
  /** Counted as the rule says, once each (the figures moved by exactly as many). */
  exactlyOnce: boolean
  note: string
}

type Db = ReturnType<ReturnType<typeof connectSdk>['database']>

interface Timed {
  ms: number
  status: number
  code: string
}

async function run(url: string, name: string, parallel: number, calls: (() => Promise<{ status: number; reply: { ok: boolean; code?: string } | null }>)[]) {
  const before = await metrics(url)
  const timed = await inFlight(parallel, calls, async (call): Promise<Timed> => {
    const t = performance.now()
    const out = await call().catch(() => ({ status: 0, reply: null }))
    return { ms: performance.now() - t, status: out.status, code: out.reply ? (out.reply.ok ? 'ok' : (out.reply.code ?? '?')) : `HTTP ${out.status}` }
  })
  const after = await metrics(url)
  const ms = timed.map((x) => x.ms).sort((a, b) => a - b)
  const errorKinds: Record<string, number> = {}
  for (const t of timed) if (t.code !== 'ok') errorKinds[t.code] = (errorKinds[t.code] ?? 0) + 1
  return {
    name,
    calls: calls.length,
    inFlight: parallel,
    errors: timed.filter((t) => t.code !== 'ok').length,
    errorKinds,
    p50Ms: percentile(ms, 50) ?? 0,
    p95Ms: percentile(ms, 95) ?? 0,
    dbOpsPerCall: (after.dbOps - before.dbOps) / calls.length
  }
}

const docs = async <T>(db: Db, name: string, where: Record<string, unknown>, limit = 1000) =>
  ((await db.collection(name).where(where).limit(limit).get()) as unknown as { data: T[] }).data

/** 200 residents rate one 座谈会 of the veteran recorded with 200 people, 40 calls in flight. */
export async function ratingBurst(url: string, home: { lat: number; lng: number } | undefined, raters = 200, parallel = 40): Promise<BurstResult> {
  const db = connectSdk(url).database()
  const at = new Date().toISOString()
  const checkIn = (await callAs(url, veteranOpenid, 'visit', {
    action: 'checkIn',
    submissionId: `bench-burst-${randomUUID()}`,
    pointId: 'bench-point-0',
    fix: { ...(home ?? { lat: 0, lng: 0 }), accuracy: 15, capturedAt: at },
    deviceNow: at,
    offline: false
  })) as { ok: boolean; data?: { visit: { id: string } }; message?: string }
  if (!checkIn.ok || !checkIn.data) throw new Error(`burst: check-in failed: ${checkIn.message}`)
  const visitId = checkIn.data.visit.id
  await callAs(url, veteranOpenid, 'visit', { action: 'saveRecord', visitId, category: 'village', method: 'forum', peopleMet: { count: raters } })
  const qr = (await callAs(url, veteranOpenid, 'ratings', { action: 'qr', kind: 'visit', targetId: visitId })) as { data?: { scene: string } }
  const scene = qr.data!.scene
  const statsId = `${VETERAN}_${beijingMonth(new Date())}`
  const counted = async () => flatCounts((await docs<{ counts: unknown }>(db, 'serviceStats', { _id: statsId }, 1))[0]?.counts).ratings ?? 0
  const before = await counted()
  await warmInstances(url, 'ratings', { action: 'landing', scene: 'vNOSUCHCODE' })
  const stamp = Date.now()
  const r = await run(
    url,
    `ratings.rate burst (${raters} residents, one 座谈会)`,
    parallel,
    Array.from(
      { length: raters },
      (_, i) => () =>
        callFrom(url, loopback(i), `bench-burst-${stamp}-${i}`, 'ratings', { action: 'rate', scene, level: i % 9 ? 'verySatisfied' : 'satisfied', tags: [] })
    )
  )
  const stored = await docs<{ state: string }>(db, 'ratings', { targetKind: 'visit', targetId: visitId })
  const countedNow = stored.filter((x) => x.state === 'counted').length
  const moved = (await counted()) - before
  return {
    ...r,
    exactlyOnce: moved === countedNow && stored.length === raters - r.errors,
    note: `${stored.length} stored, ${countedNow} counted, figures +${moved}`
  }
}

/** Check-ins by `count` different cadres of the dataset, all at once, each at their own point. */
export async function checkInBurst(url: string, count: number, parallel = count): Promise<BurstResult> {
  const db = connectSdk(url).database()
  const _ = db.command
  const pointIds = Array.from({ length: count }, (_x, i) => `bench-point-${i + 1}`)
  const found = await docs<{ _id: string; cadreId: string; location: { lat: number; lng: number } }>(db, 'liaisonPoints', { _id: _.in(pointIds) }, count)
  const year = beijingYear(new Date())
  const statIds = found.map((p) => `${p.cadreId}_${year}`)
  const visitsOf = async () => {
    const got = await docs<{ cadreId: string; visits: number }>(db, 'visitStats', { _id: _.in(statIds) }, count)
    return new Map(got.map((s) => [s.cadreId, s.visits]))
  }
  const before = await visitsOf()
  await warmInstances(url, 'visit', { action: 'progress' })
  const stamp = Date.now()
  const r = await run(
    url,
    `visit.checkIn burst (${found.length} cadres at once)`,
    parallel,
    found.map((p) => () => {
      const at = new Date().toISOString()
      return callFrom(url, '127.0.0.1', `openid-${p.cadreId}`, 'visit', {
        action: 'checkIn',
        submissionId: `bench-ci-${stamp}-${p.cadreId}`,
        pointId: p._id,
        fix: { ...p.location, accuracy: 15, capturedAt: at },
        deviceNow: at,
        offline: false
      })
    })
  )
  const after = await visitsOf()
  const once = found.every((p) => (after.get(p.cadreId) ?? 0) - (before.get(p.cadreId) ?? 0) === 1)
  return { ...r, exactlyOnce: once, note: once ? `each cadre's year figures +1 visit` : 'a cadre’s figures moved by other than one visit' }
}
