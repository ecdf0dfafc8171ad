/**
 * 待上传: what a cadre did without signal, kept on the phone and sent when the network is back. Four kinds:
 * a check-in, a visit record, a 民情日记 entry and a problem for the ledger. Each carries the id the phone made
 * for it before the first attempt, and the server lands each id once (visit.checkIn: submissionId;
 * visit.saveRecord: the visit's id; diary.add: entryId; demands.create: submissionId) — so a resend after a
 * lost reply, or a double flush, never counts twice.
 *
 * A check-in is resent with its original fix and capture time, marked `offline`, with `deviceNow` refreshed
 * (the server reads it as "the phone's clock at sending": fix age and clock skew). The server refuses one
 * older than the org's offline window (制度 offlineHours, 72 hours by default).
 *
 * Order matters: a record written for a check-in still in the queue names it in `after`, and is sent only
 * once the check-in has landed (or fails with it). Items are sent one after another, oldest first.
 *
 * Layout: pure state transitions (enqueue, settle, dismiss), a runner with injected storage and sender
 * (createOutbox: testable without Taro), and the app's instance on the phone's storage (outbox()).
 */
import Taro from '@tarojs/taro'
import type { ActionInput } from '@/types/api'
import type { ErrorCode } from '@/types/errors'
import { callCloud } from './cloud'
import { CloudError, toCloudError } from './reply'
import { LIMITS, jsonBytes, readKey, writeKey } from './local-store'

export interface OutboxBodies {
  checkIn: ActionInput<'visit', 'checkIn'>
  visitRecord: ActionInput<'visit', 'saveRecord'>
  diary: ActionInput<'diary', 'add'>
  demand: ActionInput<'demands', 'create'>
}
export type OutboxKind = keyof OutboxBodies

export const kindLabels: Record<OutboxKind, string> = { checkIn: '走访打卡', visitRecord: '走访记录', diary: '民情日记', demand: '群众诉求' }

interface ItemOf<K extends OutboxKind> {
  kind: K
  /** The item's id in the queue: the check-in's submissionId, `record:<visitId>`, the entryId, the demand's submissionId. */
  key: string
  body: OutboxBodies[K]
  /** A line the cadre recognises it by (the point, the first words of the text). */
  label: string
  /** When it was put in the queue (ISO). */
  queuedAt: string
  attempts: number
  /** The key of an item that must land first (a record's check-in). */
  after?: string
}
export type OutboxItem = { [K in OutboxKind]: ItemOf<K> }[OutboxKind]
export type NewItem = { [K in OutboxKind]: Omit<ItemOf<K>, 'queuedAt' | 'attempts'> }[OutboxKind]

/** 退回: the server's refusal in its own words, shown until the cadre dismisses it. */
export type FailedItem = OutboxItem & { code: ErrorCode; message: string; at: string }
/** 已上传: the last few that landed, with the server's words. */
export interface DoneItem {
  kind: OutboxKind
  key: string
  label: string
  at: string
  message: string
}

export interface OutboxState {
  pending: OutboxItem[]
  failed: FailedItem[]
  done: DoneItem[]
}

export const emptyOutbox = (): OutboxState => ({ pending: [], failed: [], done: [] })
const DONE_KEPT = 20

/** Answers that will never change on a resend: moved to 退回 with the reason. */
export const NON_RETRYABLE: readonly ErrorCode[] = ['BAD_REQUEST', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND']
export const isRetryable = (code: ErrorCode) => !NON_RETRYABLE.includes(code)

export const OUTBOX_FULL = '手机上待上传的内容太多了，请先到有信号的地方上传后再记录（已写的内容仍保存在手机上）'
const outboxFull = () => new CloudError('BAD_REQUEST', OUTBOX_FULL)

/**
 * Adds an item. The same key again replaces the waiting one (a record edited twice offline sends its last
 * version; a check-in re-queued keeps its first body). Throws (OUTBOX_FULL) past the caps.
 */
export function enqueue(state: OutboxState, item: NewItem, now: Date): OutboxState {
  const existing = state.pending.find((q) => q.key === item.key)
  if (existing && item.kind === 'checkIn') return state
  const next: OutboxItem = { ...item, queuedAt: existing?.queuedAt ?? now.toISOString(), attempts: existing?.attempts ?? 0 } as OutboxItem
  const pending = existing ? state.pending.map((q) => (q.key === item.key ? next : q)) : [...state.pending, next]
  const out = { ...state, pending, failed: state.failed.filter((f) => f.key !== item.key) }
  if (pending.length > LIMITS.outboxItems || jsonBytes(out) > LIMITS.outboxBytes) throw outboxFull()
  return out
}

export type Outcome = { ok: true; message: string } | { ok: false; code: ErrorCode; message: string }

/** One send's outcome: landed → 已上传; refused for good → 退回; network trouble → kept, one more attempt. */
export function settle(state: OutboxState, key: string, outcome: Outcome, now: Date): OutboxState {
  const item = state.pending.find((q) => q.key === key)
  if (!item) return state
  const rest = state.pending.filter((q) => q.key !== key)
  if (outcome.ok) {
    const done: DoneItem = { kind: item.kind, key, label: item.label, at: now.toISOString(), message: outcome.message }
    return { ...state, pending: rest, done: [done, ...state.done.filter((d) => d.key !== key)].slice(0, DONE_KEPT) }
  }
  if (!isRetryable(outcome.code)) {
    const failed = { ...item, attempts: item.attempts + 1, code: outcome.code, message: outcome.message, at: now.toISOString() } as FailedItem
    return { ...state, pending: rest, failed: [...state.failed, failed] }
  }
  return { ...state, pending: state.pending.map((q) => (q === item ? { ...q, attempts: q.attempts + 1 } : q)) }
}

export function dismiss(state: OutboxState, key: string): OutboxState {
  return { ...state, failed: state.failed.filter((f) => f.key !== key) }
}

/** A check-in as it is resent: the original body, marked offline, with the phone's clock now. */
export function resendBody(body: OutboxBodies['checkIn'], now: Date): OutboxBodies['checkIn'] {
  return { ...body, offline: true, deviceNow: now.toISOString() }
}

export interface OutboxStore {
  load(): OutboxState
  save(state: OutboxState): void
}

/** Sends one item; resolves with the words to show under 已上传. */
export type OutboxSender = (item: OutboxItem, now: Date) => Promise<string>

export interface FlushReport {
  sent: OutboxItem[]
  failed: FailedItem[]
  kept: number
}

export interface Outbox {
  state(): OutboxState
  add(item: NewItem): void
  /** Sends every waiting item once, in order. A flush already running is joined, not repeated. */
  flush(): Promise<FlushReport>
  dismiss(key: string): void
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: (state: OutboxState) => void): () => void
}

export function createOutbox(deps: { store: OutboxStore; send: OutboxSender; now?: () => Date }): Outbox {
  const now = deps.now ?? (() => new Date())
  const listeners = new Set<(s: OutboxState) => void>()
  let running: Promise<FlushReport> | null = null

  const read = (): OutboxState => {
    try {
      return deps.store.load()
    } catch {
      return emptyOutbox()
    }
  }
  const write = (next: OutboxState) => {
    deps.store.save(next)
    for (const l of listeners) l(next)
  }

  async function runFlush(): Promise<FlushReport> {
    const report: FlushReport = { sent: [], failed: [], kept: 0 }
    // Items queued while this flush runs wait for the next one.
    const keys = read().pending.map((q) => q.key)
    for (const key of keys) {
      const state = read()
      const item = state.pending.find((q) => q.key === key)
      if (!item) continue
      let outcome: Outcome
      const blocker = item.after ? state.failed.find((f) => f.key === item.after) : undefined
      if (item.after && state.pending.some((q) => q.key === item.after)) {
        // Its check-in did not go this time: wait for it.
        report.kept += 1
        continue
      } else if (blocker) {
        outcome = { ok: false, code: 'CONFLICT', message: `它所属的打卡没有上传成功（${blocker.message}），这条${kindLabels[item.kind]}无法上传` }
      } else {
        try {
          outcome = { ok: true, message: await deps.send(item, now()) }
        } catch (err) {
          const e = toCloudError(err)
          outcome = { ok: false, code: e.code, message: e.message }
        }
      }
      const next = settle(read(), key, outcome, now())
      write(next)
      if (outcome.ok) report.sent.push(item)
      else if (!isRetryable(outcome.code)) report.failed.push(next.failed[next.failed.length - 1])
      else report.kept += 1
    }
    return report
  }

  return {
    state: read,
    add(item) {
      write(enqueue(read(), item, now()))
    },
    flush() {
      if (!running) {
        running = runFlush().finally(() => {
          running = null
        })
      }
      return running
    },
    dismiss(key) {
      write(dismiss(read(), key))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

// ---------------------------------------------------------------- the app's outbox, on the phone's storage

export const STORAGE_KEY = 'jdq.outbox.v1'

export const phoneStore: OutboxStore = {
  load() {
    const s = readKey<Partial<OutboxState>>(STORAGE_KEY)
    if (!s || typeof s !== 'object') return emptyOutbox()
    const list = <T>(v: T[] | undefined) => (Array.isArray(v) ? v : [])
    return { pending: list(s.pending), failed: list(s.failed), done: list(s.done) }
  },
  save(state) {
    // enqueue() keeps the queue under its cap, far below WeChat's 1 MB a key: a refusal here means the
    // phone's storage is full of something else.
    if (!writeKey(STORAGE_KEY, state)) throw outboxFull()
  }
}

/** The real calls. One try per flush: the next flush (or the next time the network is back) tries again. */
export const cloudSender: OutboxSender = async (item, now) => {
  const once = { retry: false }
  switch (item.kind) {
    case 'checkIn':
      return (await callCloud('visit', 'checkIn', resendBody(item.body, now), once)).message
    case 'visitRecord':
      await callCloud('visit', 'saveRecord', item.body, once)
      return '走访记录已上传'
    case 'diary':
      await callCloud('diary', 'add', item.body, once)
      return '民情日记已上传'
    case 'demand':
      await callCloud('demands', 'create', item.body, once)
      return '已登记到诉求台账'
  }
}

let shared: Outbox | null = null

/** The one outbox of this app (phone storage, the real cloud functions). */
export function outbox(): Outbox {
  shared ??= createOutbox({ store: phoneStore, send: cloudSender })
  return shared
}

let autoFlushStarted = false

/**
 * Sends what is waiting now and whenever the network comes back. The app calls it on launch and on every
 * show; pages showing the queue call outbox().flush() on their own show.
 */
export function startAutoFlush(): void {
  const box = outbox()
  const flushIfWaiting = () => {
    if (box.state().pending.length > 0) void box.flush()
  }
  flushIfWaiting()
  if (autoFlushStarted) return
  autoFlushStarted = true
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) flushIfWaiting()
    })
  } catch {
    // Not on every platform.
  }
  // Browsers tell it this way (Taro's H5 network events follow the connection type, not online/offline).
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', flushIfWaiting)
}

/** A fresh id for a submission: 32 hex digits (no crypto.randomUUID in mini-program engines). */
export function newSubmissionId(): string {
  let out = Date.now().toString(16).padStart(12, '0')
  while (out.length < 32) out += Math.floor(Math.random() * 16).toString(16)
  return out
}

/** The check-in still waiting for `visitId` (`${cadreId}_${submissionId}`), if any. */
export function pendingCheckIn(state: OutboxState, visitId: string): ItemOf<'checkIn'> | undefined {
  return state.pending.find((q): q is ItemOf<'checkIn'> => q.kind === 'checkIn' && visitId.endsWith(`_${q.key}`))
}

/** The first words of a text, as a label. */
export const labelOf = (text: string, max = 16) => (text.length > max ? `${text.slice(0, max)}…` : text)
