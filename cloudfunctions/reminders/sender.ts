import { checkRendered, isQuietHour, kinds, quietUntil, reminderKey, render, templateId, type PushStatus, type TemplateKey } from '@/types/reminders'
import { _, cloud } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { inTransaction } from '../_lib/tx'
import { rows } from '../_lib/query'
import { subscriptionId, type ReminderDoc, type ReminderPrefsDoc, type SubscriptionDoc } from './shared'
import { sources as allSources } from './sources'
import type { Due, Source } from './source'
import { byId, txGet } from '../_lib/by-id'
import { JOB_BUDGET_MS, jobOptions, putCheckpoint, startRun } from '../_lib/budgeted-job'

/**
 * The sender, run by the timer trigger. It works through every source in batches, claims each due reminder in the
 * database before anything is sent (the reminder's _id is its unique key; the quota is decremented in the same
 * transaction), then sends and records the outcome. So overlapping runs and crashes never send twice: a key that is
 * already there is skipped, and a claim whose outcome was never recorded (a crash between claim and record) is
 * never sent again — at most once, and always in the app.
 */
export interface RunOptions {
  /** The run's clock at start; it moves on with the real clock. */
  now: Date
  /** Stop starting work after this long (the function's limit is 60 s). */
  budgetMs: number
  batchSize: number
  /** Attempts per message for transient errors, with backoff. */
  maxAttempts: number
  backoffMs: number
  /** Test only: exit the process right after the Nth message is sent, before its outcome is recorded. */
  crashAfterSends?: number
  sources?: Source[]
}

export const DEFAULTS = { budgetMs: JOB_BUDGET_MS, batchSize: 200, maxAttempts: 3, backoffMs: 300 }
/** Time kept back before starting another item or batch, so a slow send still ends inside the budget. */
const ITEM_MARGIN_MS = 1500

export interface RunReport {
  runId: string
  startedAt: string
  quiet: boolean
  /** When quiet: the morning the run holds for. */
  holdUntil?: string
  /** The budget ran out (or quiet hours began) before every source was done: the next run continues. */
  stoppedEarly: boolean
  batches: number
  scanned: number
  due: number
  /** Already claimed by an earlier or overlapping run. */
  skipped: number
  outcomes: Partial<Record<PushStatus, number>>
  attempts: number
  ms: number
  /** Per source: its cycle, whether its scan is complete, and the batches this run read. */
  sources: { name: string; cycle: string | null; done: boolean; batches: number }[]
}

interface Checkpoint {
  _id: string
  cycle: string
  cursor: string | null
  done: boolean
  batches: number
  updatedAt: Date
  lastRunId: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runSender(options: Partial<RunOptions> & { now: Date }): Promise<RunReport> {
  const o = jobOptions<RunOptions>(DEFAULTS, options)
  const run = startRun(o.now, o.budgetMs)
  const { runId, clock } = run
  const report: RunReport = {
    runId,
    startedAt: o.now.toISOString(),
    quiet: false,
    stoppedEarly: false,
    batches: 0,
    scanned: 0,
    due: 0,
    skipped: 0,
    outcomes: {},
    attempts: 0,
    ms: 0,
    sources: []
  }
  const finish = () => ({ ...report, ms: run.elapsed() })
  if (isQuietHour(clock())) {
    return { ...finish(), quiet: true, holdUntil: quietUntil(clock()).toISOString() }
  }
  let sends = 0

  for (const source of o.sources ?? allSources) {
    const cycle = source.cycle(clock())
    if (!cycle) {
      report.sources.push({ name: source.name, cycle: null, done: true, batches: 0 })
      continue
    }
    const saved = await byId<Checkpoint>('reminderRuns', source.name)
    let cp: Checkpoint =
      saved && saved.cycle === cycle ? saved : { _id: source.name, cycle, cursor: null, done: false, batches: 0, updatedAt: clock(), lastRunId: runId }
    // A watermark source goes on from where it stopped on every run: its cursor is never reset.
    if (source.carry) cp = { ...cp, cursor: saved?.cursor ?? null, done: false }
    let batchesHere = 0
    while (!cp.done) {
      if (run.outOfTime(ITEM_MARGIN_MS) || isQuietHour(clock())) {
        report.stoppedEarly = true
        break
      }
      const { due, next, scanned, done } = await source.batch(cp.cursor, o.batchSize, clock(), cycle)
      report.batches += 1
      batchesHere += 1
      report.scanned += scanned
      report.due += due.length
      const [off, claimed] = await Promise.all([prefsOf(due), claimedKeys(due, cycle)])
      let complete = true
      for (const item of due) {
        if (run.outOfTime(ITEM_MARGIN_MS) || isQuietHour(clock())) {
          complete = false
          break
        }
        if (claimed.has(keyOf(item, cycle))) {
          // Already in the database (an earlier or overlapping run): skipped without a transaction.
          report.skipped += 1
          continue
        }
        const claim = await claimReminder(item, item.period ?? cycle, runId, off.get(item.openid) ?? [], clock())
        if (claim === 'exists') {
          report.skipped += 1
          continue
        }
        if (claim.status !== 'claimed') {
          report.outcomes[claim.status] = (report.outcomes[claim.status] ?? 0) + 1
          continue
        }
        const outcome = await deliver(claim.doc, o, () => {
          sends += 1
          if (JDQ_TEST_SWITCHES && o.crashAfterSends !== undefined && sends >= o.crashAfterSends) process.exit(70)
        })
        report.attempts += outcome.attempts
        report.outcomes[outcome.status] = (report.outcomes[outcome.status] ?? 0) + 1
      }
      if (!complete) {
        // The batch is redone next run from the same cursor: what this run claimed is skipped by its key.
        report.stoppedEarly = true
        break
      }
      cp = { ...cp, cursor: next, done: done ?? next === null, batches: cp.batches + 1, updatedAt: clock(), lastRunId: runId }
      await putCheckpoint('reminderRuns', cp)
    }
    report.sources.push({ name: source.name, cycle, done: cp.done, batches: batchesHere })
    if (report.stoppedEarly) break
  }
  return finish()
}

const keyOf = (item: Due, cycle: string) => reminderKey(item.openid, item.kind, item.subject, item.period ?? cycle)

/** The keys of a batch already claimed: one read by _id, so a rescan of the same window costs no transactions. */
async function claimedKeys(due: Due[], cycle: string): Promise<Set<string>> {
  const keys = [...new Set(due.map((d) => keyOf(d, cycle)))]
  if (!keys.length) return new Set()
  const found = await rows<{ _id: string }>(
    collection('reminders')
      .where({ _id: _.in(keys) })
      .field({ _id: true })
      .limit(keys.length)
  )
  return new Set(found.map((r) => r._id))
}

async function prefsOf(due: Due[]): Promise<Map<string, string[]>> {
  const openids = [...new Set(due.map((d) => d.openid))]
  if (!openids.length) return new Map()
  const prefs = await rows<ReminderPrefsDoc>(
    collection('reminderPrefs')
      .where({ _id: _.in(openids) })
      .limit(openids.length)
  )
  return new Map(prefs.map((p) => [p._id, p.off]))
}

/**
 * Claims a reminder: in one transaction, creates the reminder (the in-app entry; its _id is the unique key) and,
 * when the user has quota and has not turned the kind off, takes one unit of quota. 'exists' when any run got
 * there first (a concurrent claim conflicts and is retried by inTransaction, which then reads the winner's).
 */
async function claimReminder(item: Due, period: string, runId: string, off: string[], now: Date): Promise<'exists' | { status: PushStatus; doc: ReminderDoc }> {
  const spec = kinds[item.kind]
  const key = reminderKey(item.openid, item.kind, item.subject, period)
  const rendered = render(item.kind, item.facts as never)
  const template: TemplateKey = spec.template
  return inTransaction(async (tx) => {
    if (await txGet(tx, 'reminders', key)) return 'exists' as const
    let status: PushStatus = 'noQuota'
    if (off.includes(item.kind)) status = 'off'
    else {
      const subRef = tx.collection('subscriptions').doc(subscriptionId(item.openid, template))
      const { data } = await subRef.get()
      const sub = data as unknown as SubscriptionDoc | null
      if (sub && (sub.longTerm || sub.quota > 0)) {
        status = 'claimed'
        await subRef.update({ data: { quota: sub.longTerm ? sub.quota : sub.quota - 1, used: sub.used + 1, updatedAt: now } })
      }
    }
    const doc: ReminderDoc = {
      _id: key,
      openid: item.openid,
      userId: item.userId,
      kind: item.kind,
      subject: item.subject,
      period,
      title: rendered.title,
      body: rendered.body,
      page: rendered.page,
      data: rendered.data,
      read: false,
      readAt: null,
      createdAt: now,
      push: { status, template, templateId: status === 'claimed' ? templateId(template) : null, attempts: [], runId }
    }
    const { _id, ...rest } = doc
    await tx.collection('reminders').add({ data: { _id, ...rest } })
    return { status, doc }
  })
}

/** WeChat errcodes worth another try: system busy, frequency limits, and the SDK's network/timeouts. */
export function isTransient(errcode: number | undefined): boolean {
  if (errcode === undefined || Number.isNaN(errcode)) return true
  return errcode === -1 || errcode === 45009 || errcode === 45011 || (errcode <= -501000 && errcode > -502000)
}

/** Sends a claimed reminder and records every attempt and the outcome on the reminder. */
async function deliver(doc: ReminderDoc, o: RunOptions, onSent: () => void): Promise<{ status: PushStatus; attempts: number }> {
  const ref = collection('reminders').doc(doc._id)
  const subId = subscriptionId(doc.openid, doc.push.template)
  const problem = checkRendered(doc.kind, { title: doc.title, body: doc.body, page: doc.page, data: doc.data })
  if (problem) {
    // Never reaches WeChat: the unit of quota goes back, the reminder stays in the app.
    await ref.update({ data: { 'push.status': 'rejected', 'push.reason': problem } })
    await refund(subId)
    return { status: 'rejected', attempts: 0 }
  }
  const attempts: ReminderDoc['push']['attempts'] = []
  for (let n = 1; ; n++) {
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: doc.openid,
        templateId: doc.push.templateId ?? templateId(doc.push.template),
        page: doc.page,
        data: doc.data,
        miniprogramState: 'formal'
      } as never)
      onSent()
      attempts.push({ at: new Date(), errcode: 0, errmsg: 'ok' })
      await ref.update({ data: { 'push.status': 'sent', 'push.attempts': attempts, 'push.sentAt': new Date() } })
      return { status: 'sent', attempts: n }
    } catch (err) {
      const e = err as { errCode?: number; errMsg?: string; message?: string }
      const errcode = typeof e.errCode === 'number' ? e.errCode : Number(e.errCode ?? NaN)
      attempts.push({ at: new Date(), errcode: Number.isNaN(errcode) ? -1 : errcode, errmsg: String(e.errMsg ?? e.message ?? err).slice(0, 200) })
      if (errcode === 43101) {
        // No quota left at WeChat: our count was wrong. Recorded, not retried; the quota is set to 0.
        await ref.update({ data: { 'push.status': 'noQuota', 'push.attempts': attempts, 'push.reason': '微信提示用户没有可用的订阅次数（43101）' } })
        await collection('subscriptions')
          .doc(subId)
          .update({ data: { quota: 0, longTerm: false, exhaustedAt: new Date(), updatedAt: new Date() } })
        return { status: 'noQuota', attempts: n }
      }
      if (!isTransient(errcode) || n >= o.maxAttempts) {
        await ref.update({
          data: { 'push.status': 'failed', 'push.attempts': attempts, 'push.reason': `微信推送失败（${attempts[attempts.length - 1].errcode}）` }
        })
        await refund(subId)
        return { status: 'failed', attempts: n }
      }
      await ref.update({ data: { 'push.attempts': attempts } })
      await sleep(o.backoffMs * 2 ** (n - 1))
    }
  }
}

/** A message that certainly did not reach the user gives its unit of quota back. */
async function refund(subId: string): Promise<void> {
  await inTransaction(async (tx) => {
    const ref = tx.collection('subscriptions').doc(subId)
    const { data } = await ref.get()
    const s = data as unknown as SubscriptionDoc | null
    if (s && !s.longTerm) await ref.update({ data: { quota: s.quota + 1, used: Math.max(0, s.used - 1) } })
  })
}
