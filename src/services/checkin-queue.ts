/**
 * 离线打卡队列: a check-in whose call failed for network reasons is kept on the phone with its original body
 * (same submissionId, same fix and capture time, same point, reason and note) and sent again later with
 * `offline: true`. The server accepts it within 72 hours, marks it 离线补传, applies the same checks, and lands
 * it exactly once (the submissionId is the visit's key, so a resend of one that did arrive gets the first reply).
 *
 * One field is refreshed on each resend: `deviceNow`. The server reads it as "the phone's clock at sending":
 * fix age = deviceNow − capturedAt (≤ 72 h offline) and clock skew = deviceNow − server now. An hours-old
 * deviceNow would look like a phone clock hours wrong and shift the visit's recorded time by that much.
 *
 * Layout: pure state transitions (enqueueItem, settle), a runner with injected storage and sender
 * (createCheckInQueue: testable without Taro), and the app's instance on Taro storage (checkInQueue()).
 */
import Taro from '@tarojs/taro'
import type { CheckInInput, CheckInResult } from '../../types/cadre-work'
import type { ErrorCode } from '../../types/errors'
import { callCloud } from './cloud'
import { toCloudError } from './reply'

export interface QueuedCheckIn {
  /** What the phone tried to send the first time (offline and deviceNow are set again on each resend). */
  body: CheckInInput
  /** When it was put in the queue (ISO). */
  queuedAt: string
  /** Resends tried so far. */
  attempts: number
  /** Name of the point, for the cadre to recognise it in a message. */
  pointName?: string
}

export interface FailedCheckIn extends QueuedCheckIn {
  code: ErrorCode
  /** The server's own words, shown to the cadre until they dismiss it. */
  message: string
}

export interface QueueState {
  pending: QueuedCheckIn[]
  failed: FailedCheckIn[]
}

export const emptyQueue = (): QueueState => ({ pending: [], failed: [] })

/** Answers that will never change on a resend: drop from the queue and show the cadre why. */
export const NON_RETRYABLE: readonly ErrorCode[] = ['BAD_REQUEST', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND']

export function isRetryable(code: ErrorCode): boolean {
  return !NON_RETRYABLE.includes(code)
}

/** Adds a check-in; the same submissionId twice is kept once. */
export function enqueueItem(state: QueueState, body: CheckInInput, now: Date, pointName?: string): QueueState {
  if (state.pending.some((q) => q.body.submissionId === body.submissionId)) return state
  const item: QueuedCheckIn = { body: { ...body }, queuedAt: now.toISOString(), attempts: 0 }
  if (pointName) item.pointName = pointName
  return { ...state, pending: [...state.pending, item] }
}

export type Outcome = { ok: true; result: CheckInResult } | { ok: false; code: ErrorCode; message: string }

/** The state after one resend's outcome: ok → gone; non-retryable → moved to failed; otherwise kept. */
export function settle(state: QueueState, submissionId: string, outcome: Outcome): QueueState {
  const item = state.pending.find((q) => q.body.submissionId === submissionId)
  if (!item) return state
  const rest = state.pending.filter((q) => q.body.submissionId !== submissionId)
  if (outcome.ok) return { ...state, pending: rest }
  if (!isRetryable(outcome.code)) {
    return { pending: rest, failed: [...state.failed, { ...item, attempts: item.attempts + 1, code: outcome.code, message: outcome.message }] }
  }
  return { ...state, pending: state.pending.map((q) => (q === item ? { ...q, attempts: q.attempts + 1 } : q)) }
}

export function dismissFailedItem(state: QueueState, submissionId: string): QueueState {
  return { ...state, failed: state.failed.filter((f) => f.body.submissionId !== submissionId) }
}

/** The body of a resend: the original one, marked offline, with the phone's clock now. */
export function resendBody(item: QueuedCheckIn, now: Date): CheckInInput {
  return { ...item.body, offline: true, deviceNow: now.toISOString() }
}

export interface QueueStore {
  load(): QueueState
  save(state: QueueState): void
}

export type CheckInSender = (body: CheckInInput) => Promise<CheckInResult>

export interface FlushReport {
  sent: { item: QueuedCheckIn; result: CheckInResult }[]
  failed: FailedCheckIn[]
  kept: number
}

export interface CheckInQueue {
  state(): QueueState
  enqueue(body: CheckInInput, pointName?: string): void
  /** Resends every pending item once, one after another. A flush already running is joined, not repeated. */
  flush(): Promise<FlushReport>
  dismissFailed(submissionId: string): void
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: (state: QueueState) => void): () => void
}

export function createCheckInQueue(deps: { store: QueueStore; send: CheckInSender; now?: () => Date }): CheckInQueue {
  const now = deps.now ?? (() => new Date())
  const listeners = new Set<(s: QueueState) => void>()
  let running: Promise<FlushReport> | null = null

  const read = (): QueueState => {
    try {
      return deps.store.load()
    } catch {
      return emptyQueue()
    }
  }
  const write = (next: QueueState) => {
    deps.store.save(next)
    for (const l of listeners) l(next)
  }

  async function runFlush(): Promise<FlushReport> {
    const report: FlushReport = { sent: [], failed: [], kept: 0 }
    // Items queued while this flush runs wait for the next one.
    const ids = read().pending.map((q) => q.body.submissionId)
    for (const id of ids) {
      const item = read().pending.find((q) => q.body.submissionId === id)
      if (!item) continue
      let outcome: Outcome
      try {
        outcome = { ok: true, result: await deps.send(resendBody(item, now())) }
      } catch (err) {
        const e = toCloudError(err)
        outcome = { ok: false, code: e.code, message: e.message }
      }
      const next = settle(read(), id, outcome)
      write(next)
      if (outcome.ok) report.sent.push({ item, result: outcome.result })
      else if (!isRetryable(outcome.code)) report.failed.push(next.failed[next.failed.length - 1])
      else report.kept += 1
    }
    return report
  }

  return {
    state: read,
    enqueue(body, pointName) {
      write(enqueueItem(read(), body, now(), pointName))
    },
    flush() {
      if (!running) {
        running = runFlush().finally(() => {
          running = null
        })
      }
      return running
    },
    dismissFailed(submissionId) {
      write(dismissFailedItem(read(), submissionId))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

// ---------------------------------------------------------------- the app's queue, on the phone's storage

export const STORAGE_KEY = 'jdq.checkinQueue.v1'

export const taroStore: QueueStore = {
  load() {
    const raw: unknown = Taro.getStorageSync(STORAGE_KEY)
    if (!raw || typeof raw !== 'object') return emptyQueue()
    const s = raw as Partial<QueueState>
    return { pending: Array.isArray(s.pending) ? s.pending : [], failed: Array.isArray(s.failed) ? s.failed : [] }
  },
  save(state) {
    Taro.setStorageSync(STORAGE_KEY, state)
  }
}

let shared: CheckInQueue | null = null

/** The one queue of this app (Taro storage, the real `visit.checkIn`). */
export function checkInQueue(): CheckInQueue {
  if (!shared) {
    shared = createCheckInQueue({
      store: taroStore,
      // A resend is itself safe to retry (same submissionId), but one try per flush is enough.
      send: (body) => callCloud('visit', 'checkIn', body, { retry: false })
    })
  }
  return shared
}

let autoFlushStarted = false

/**
 * Sends what is waiting now and whenever the network comes back. The app calls it on launch and on every
 * show (useDidShow in app.ts); pages showing the queue call checkInQueue().flush() on their own show.
 */
export function startAutoFlush(): void {
  const queue = checkInQueue()
  if (queue.state().pending.length > 0) void queue.flush()
  if (autoFlushStarted) return
  autoFlushStarted = true
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected && queue.state().pending.length > 0) void queue.flush()
    })
  } catch {
    // Not every platform has it (some browsers): flushing on show is enough there.
  }
}

/** A fresh submission id: 32 hex digits (no crypto.randomUUID in mini-program engines). */
export function newSubmissionId(): string {
  let out = Date.now().toString(16).padStart(12, '0')
  while (out.length < 32) out += Math.floor(Math.random() * 16).toString(16)
  return out
}
