import type { CheckInInput, CheckInResult } from '../../types/cadre-work'
import {
  createCheckInQueue,
  emptyQueue,
  enqueueItem,
  newSubmissionId,
  resendBody,
  settle,
  type QueueState,
  type QueueStore
} from '../../src/services/checkin-queue'
import { CloudError } from '../../src/services/reply'
import { result } from './cadre-fixtures'

const body = (id: string): CheckInInput => ({
  submissionId: id,
  pointId: 'lp-village',
  fix: { lat: 36.6176, lng: 101.7949, accuracy: 20, capturedAt: '2026-03-05T01:00:00.000Z' },
  deviceNow: '2026-03-05T01:00:05.000Z',
  offline: false,
  note: '入户走访'
})

function memoryStore(initial: QueueState = emptyQueue()): QueueStore & { saved: number } {
  let state = initial
  return {
    saved: 0,
    load: () => JSON.parse(JSON.stringify(state)) as QueueState,
    save(s) {
      this.saved += 1
      state = JSON.parse(JSON.stringify(s)) as QueueState
    }
  }
}

const later = new Date('2026-03-05T09:00:00.000Z')

describe('offline check-in queue: pure state', () => {
  it('keeps the original body, once per submissionId', () => {
    let s = enqueueItem(emptyQueue(), body('sub-aaaaaaaa'), new Date('2026-03-05T01:00:06Z'), '东关大街社区')
    s = enqueueItem(s, body('sub-aaaaaaaa'), new Date('2026-03-05T01:00:07Z'))
    expect(s.pending).toHaveLength(1)
    expect(s.pending[0]).toMatchObject({ body: body('sub-aaaaaaaa'), attempts: 0, pointName: '东关大街社区', queuedAt: '2026-03-05T01:00:06.000Z' })
  })

  it('resends the same body marked offline, with the phone clock at sending', () => {
    const s = enqueueItem(emptyQueue(), body('sub-aaaaaaaa'), new Date())
    const out = resendBody(s.pending[0], later)
    expect(out).toEqual({ ...body('sub-aaaaaaaa'), offline: true, deviceNow: later.toISOString() })
    // capture time and position are never touched
    expect(out.fix).toEqual(body('sub-aaaaaaaa').fix)
  })

  it('settles: ok removes, UNAVAILABLE keeps (one more attempt), BAD_REQUEST/FORBIDDEN/CONFLICT move to failed', () => {
    let s = emptyQueue()
    for (const id of ['sub-ok000000', 'sub-net00000', 'sub-bad00000', 'sub-frb00000', 'sub-cnf00000']) s = enqueueItem(s, body(id), new Date())
    s = settle(s, 'sub-ok000000', { ok: true, result: result() })
    s = settle(s, 'sub-net00000', { ok: false, code: 'UNAVAILABLE', message: '网络不太好' })
    s = settle(s, 'sub-bad00000', { ok: false, code: 'BAD_REQUEST', message: '超过了 72 小时的补传期限' })
    s = settle(s, 'sub-frb00000', { ok: false, code: 'FORBIDDEN', message: '这个联系点没有分配给您' })
    s = settle(s, 'sub-cnf00000', { ok: false, code: 'CONFLICT', message: '这个提交编号已经用于另一次打卡了' })
    expect(s.pending.map((q) => [q.body.submissionId, q.attempts])).toEqual([['sub-net00000', 1]])
    expect(s.failed.map((f) => [f.body.submissionId, f.code, f.message])).toEqual([
      ['sub-bad00000', 'BAD_REQUEST', '超过了 72 小时的补传期限'],
      ['sub-frb00000', 'FORBIDDEN', '这个联系点没有分配给您'],
      ['sub-cnf00000', 'CONFLICT', '这个提交编号已经用于另一次打卡了']
    ])
  })

  it('makes submission ids the server accepts, all different', () => {
    const ids = new Set(Array.from({ length: 200 }, newSubmissionId))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })
})

describe('offline check-in queue: flushing', () => {
  it('flush ok: each item sent once with offline: true and its own submissionId, then gone', async () => {
    const store = memoryStore()
    const sent: CheckInInput[] = []
    const q = createCheckInQueue({ store, now: () => later, send: async (b) => (sent.push(b), result()) })
    q.enqueue(body('sub-aaaaaaaa'))
    q.enqueue(body('sub-bbbbbbbb'))
    const report = await q.flush()
    expect(sent.map((b) => [b.submissionId, b.offline, b.deviceNow])).toEqual([
      ['sub-aaaaaaaa', true, later.toISOString()],
      ['sub-bbbbbbbb', true, later.toISOString()]
    ])
    expect(report.sent).toHaveLength(2)
    expect(q.state()).toEqual(emptyQueue())
  })

  it('flush on a network failure keeps the item for later; the next flush lands it', async () => {
    const q = createCheckInQueue({
      store: memoryStore(),
      send: jest
        .fn<Promise<CheckInResult>, [CheckInInput]>()
        .mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试'))
        .mockResolvedValueOnce(result())
    })
    q.enqueue(body('sub-aaaaaaaa'))
    expect(await q.flush()).toMatchObject({ sent: [], failed: [], kept: 1 })
    expect(q.state().pending).toHaveLength(1)
    expect((await q.flush()).sent).toHaveLength(1)
    expect(q.state().pending).toHaveLength(0)
  })

  it('a non-retryable answer leaves the queue and stays visible with its message until dismissed', async () => {
    const q = createCheckInQueue({
      store: memoryStore(),
      send: () => Promise.reject(new CloudError('BAD_REQUEST', '这条离线打卡已经过去 75 小时，超过了 72 小时的补传期限，不能再补传了'))
    })
    const seen: QueueState[] = []
    q.subscribe((s) => seen.push(s))
    q.enqueue(body('sub-aaaaaaaa'), '东关大街社区')
    const report = await q.flush()
    expect(report.failed[0]).toMatchObject({ code: 'BAD_REQUEST', pointName: '东关大街社区' })
    expect(q.state().pending).toHaveLength(0)
    expect(q.state().failed[0].message).toContain('72 小时')
    expect(seen.at(-1)?.failed).toHaveLength(1)
    q.dismissFailed('sub-aaaaaaaa')
    expect(q.state()).toEqual(emptyQueue())
  })

  it('never sends the same item twice concurrently: a second flush joins the running one', async () => {
    let release: () => void = () => {}
    const send = jest.fn<Promise<CheckInResult>, [CheckInInput]>(
      () =>
        new Promise((resolve) => {
          release = () => resolve(result())
        })
    )
    const q = createCheckInQueue({ store: memoryStore(), send })
    q.enqueue(body('sub-aaaaaaaa'))
    const a = q.flush()
    const b = q.flush() // e.g. app show and network change at once
    const c = q.flush()
    expect(b).toBe(a)
    expect(c).toBe(a)
    await Promise.resolve()
    expect(send).toHaveBeenCalledTimes(1)
    release()
    await a
    expect(send).toHaveBeenCalledTimes(1)
    // After it is done, a new flush has nothing to send.
    await q.flush()
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('an item queued during a flush waits for the next one', async () => {
    const store = memoryStore()
    const sent: string[] = []
    const q: ReturnType<typeof createCheckInQueue> = createCheckInQueue({
      store,
      send: async (b) => {
        sent.push(b.submissionId)
        if (b.submissionId === 'sub-aaaaaaaa') q.enqueue(body('sub-cccccccc'))
        return result()
      }
    })
    q.enqueue(body('sub-aaaaaaaa'))
    await q.flush()
    expect(sent).toEqual(['sub-aaaaaaaa'])
    expect(q.state().pending.map((x) => x.body.submissionId)).toEqual(['sub-cccccccc'])
  })

  it('a storage that cannot be read counts as an empty queue', async () => {
    const send = jest.fn()
    const q = createCheckInQueue({ store: { load: () => { throw new Error('corrupt') }, save: () => {} }, send })
    expect(q.state()).toEqual(emptyQueue())
    expect(await q.flush()).toEqual({ sent: [], failed: [], kept: 0 })
    expect(send).not.toHaveBeenCalled()
  })
})
