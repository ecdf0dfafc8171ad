/** The bench report's sections: each prints its table and adds what fails the run to `flagged`. */
import { fmt, grows, table, type ActionResult, type SizeResult } from './report'
import { RANKINGS_LIMIT_MS } from './rankings-job'
import { SENDER_LIMIT_MS, type SenderResult } from './sender'
import { BEHIND_SHARE, QUOTA_SHARE } from './population'
import type { BenchSize } from './sizes'

const BEHIND_PCT = Math.round(BEHIND_SHARE * 100)
const QUOTA_PCT = Math.round(QUOTA_SHARE * 100)

/** Per action, small against large: DB operations, documents examined and returned, latency; growth fails the run. */
export function actionsSection(small: SizeResult, large: SizeResult, flagged: string[]): void {
  const rows = small.actions.map((s) => {
    const l = large.actions.find((a) => a.action === s.action)!
    const growth = grows(s, l)
    if (growth) {
      flagged.push(
        `${s.action}: documents examined beyond those returned ${fmt(s.docsExamined - s.docsReturned)} → ${fmt(l.docsExamined - l.docsReturned)}` +
          (l.slow ?? []).map((line) => `\n      ${line}`).join('')
      )
    }
    if (!s.ok || !l.ok) flagged.push(`${s.action} failed: ${s.error ?? l.error}`)
    return [
      s.action,
      fmt(s.dbOps),
      fmt(l.dbOps),
      fmt(s.docsExamined),
      fmt(l.docsExamined),
      fmt(s.docsReturned),
      fmt(l.docsReturned),
      `${fmt(s.p50Ms)}/${fmt(s.p95Ms)}`,
      `${fmt(l.p50Ms)}/${fmt(l.p95Ms)}`,
      s.p50Ms ? fmt(l.p50Ms / s.p50Ms, 2) : '-',
      growth ? 'GROWS' : !s.ok || !l.ok ? 'FAILED' : 'ok'
    ]
  })
  const shape = (z: BenchSize) => `${z.cadres} cadres/${z.visits} visits/${z.ratings} ratings/${z.demands} demands`
  console.log(`\nper action (small = ${shape(small.size)}, large = ${shape(large.size)})\n`)
  console.log(table(['action', 'ops S', 'ops L', 'examined S', 'examined L', 'returned S', 'returned L', 'p50/p95 ms S', 'p50/p95 ms L', 'L/S p50', ''], rows))
}

/** Concurrent bursts: a meeting rating at once, many units checking in at once; each must count exactly once. */
export function burstsSection(results: SizeResult[], flagged: string[]): void {
  console.log('\nbursts (a 座谈会 with its QR code on the wall; cadres of many units checking in at once)\n')
  console.log(
    table(
      ['burst', 'dataset', 'calls', 'in flight', 'errors', 'p50/p95 ms', 'DB ops/call', 'counted once', ''],
      results.flatMap(({ size, bursts }) =>
        bursts.map((b) => [
          b.name,
          size.name,
          b.calls,
          b.inFlight,
          b.errors
            ? `${b.errors} (${Object.entries(b.errorKinds)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`
            : 0,
          `${fmt(b.p50Ms)}/${fmt(b.p95Ms)}`,
          fmt(b.dbOpsPerCall),
          b.exactlyOnce ? 'yes' : 'NO',
          b.note
        ])
      )
    )
  )
  for (const { size, bursts } of results) {
    for (const b of bursts) {
      if (b.errors) flagged.push(`${b.name} (${size.name}): ${b.errors} call(s) not answered ok: ${JSON.stringify(b.errorKinds)} ${b.note}`)
      if (!b.exactlyOnce) flagged.push(`${b.name} (${size.name}): not counted exactly once: ${b.note}`)
    }
  }
}

/** The rankings job's cycle over each dataset: runs, batches, cost per cadre, the longest run against the limit. */
export function rankingsSection(results: SizeResult[], flagged: string[]): void {
  console.log(`\nrankings job (one cycle over the loaded data, run after run as the timer does; ${fmt(RANKINGS_LIMIT_MS / 1000)} s limit)\n`)
  console.log(
    table(
      ['dataset', 'cadres', 'orgs', 'runs', 'batches', 'total ms', 'max run ms', 'DB ops', 'ops/cadre', 'examined', 'returned'],
      results.map(({ size, rankings: j }) => [
        size.name,
        j.cadres,
        j.orgs,
        j.runs,
        j.batches,
        fmt(j.totalMs, 0),
        fmt(j.maxRunMs, 0),
        j.dbOps,
        fmt(j.dbOpsPerCadre),
        j.docsExamined,
        j.docsReturned
      ])
    )
  )
  for (const { size, rankings: j } of results) {
    if (j.error) flagged.push(`rankings job (${size.name}) failed: ${j.error}`)
    if (j.maxRunMs > RANKINGS_LIMIT_MS) flagged.push(`rankings job (${size.name}): a run took ${j.maxRunMs} ms, over the ${RANKINGS_LIMIT_MS} ms limit`)
  }
}

/** The reminders sender over its two populations: time per run, cost per batch, nothing sent twice. */
export function senderSection(senderSmall: SenderResult, senderLarge: SenderResult, flagged: string[]): void {
  console.log(
    `\nreminders sender (a run = one timer firing, ${fmt(SENDER_LIMIT_MS / 1000)} s limit; population: ${BEHIND_PCT}% behind the pace, ${QUOTA_PCT}% with quota)\n`
  )
  const senderRows = [senderSmall, senderLarge]
  console.log(
    table(
      [
        'population',
        'runs',
        'batches',
        'users scanned',
        'due',
        'sent',
        'in app only',
        'outbox (distinct)',
        'max run ms',
        'ms/batch',
        'ops/batch',
        'examined/batch',
        'returned/batch'
      ],
      senderRows.map((r) => [
        `${r.size} (${r.cadres})`,
        r.runs,
        r.batches,
        r.scanned,
        r.due,
        r.outcomes.sent ?? 0,
        (r.outcomes.noQuota ?? 0) + (r.outcomes.off ?? 0),
        `${r.outbox} (${r.outboxDistinct})`,
        fmt(r.maxRunMs, 0),
        fmt(r.msPerBatch),
        fmt(r.dbOpsPerBatch),
        fmt(r.docsExaminedPerBatch),
        fmt(r.docsReturnedPerBatch)
      ])
    )
  )
  for (const r of senderRows) {
    if (r.error) flagged.push(`reminders sender (${r.size}) failed: ${r.error}`)
    if (r.maxRunMs > SENDER_LIMIT_MS) flagged.push(`reminders sender (${r.size}): a run took ${r.maxRunMs} ms, over the ${SENDER_LIMIT_MS} ms limit`)
    if (r.outbox !== r.outboxDistinct || r.outbox !== (r.outcomes.sent ?? 0)) {
      flagged.push(`reminders sender (${r.size}): ${r.outcomes.sent ?? 0} sent but ${r.outbox} messages in the outbox (${r.outboxDistinct} distinct)`)
    }
  }
  // Growth is judged per 200 users scanned (a full batch): sources with nothing to do add near-empty batches,
  // which would make a small population's per-batch averages look cheaper than they are.
  const per200 = (r: SenderResult): ActionResult => {
    const k = (r.batches / Math.max(1, r.scanned)) * 200
    return {
      action: 'reminders sender (per 200 users)',
      ok: !r.error,
      dbOps: r.dbOpsPerBatch * k,
      docsExamined: r.docsExaminedPerBatch * k,
      docsReturned: r.docsReturnedPerBatch * k,
      p50Ms: r.msPerBatch,
      p95Ms: r.maxRunMs
    }
  }
  const [s200, l200] = [per200(senderSmall), per200(senderLarge)]
  if (grows(s200, l200)) {
    flagged.push(
      `reminders sender: documents examined per 200 users beyond those returned ${fmt(s200.docsExamined - s200.docsReturned)} → ${fmt(l200.docsExamined - l200.docsReturned)}` +
        senderLarge.slow.map((line) => `\n      ${line}`).join('')
    )
  }
  if (l200.dbOps > Math.max(2 * s200.dbOps, s200.dbOps + 10)) {
    flagged.push(`reminders sender: DB operations per 200 users ${fmt(s200.dbOps)} → ${fmt(l200.dbOps)}`)
  }
}
