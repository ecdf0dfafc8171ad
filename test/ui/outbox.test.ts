/**
 * 待上传 (src/services/outbox.ts): what a cadre does without signal waits on the phone with the id made for
 * it, and is sent in order — a check-in resent marked offline with the phone's clock at sending, a record only
 * after its check-in landed (or 退回 with it), 退回 with the server's words, 已上传 with its message.
 */
import type { CheckInInput } from '@/types/visits'
import {
  createOutbox,
  emptyOutbox,
  enqueue,
  newSubmissionId,
  OUTBOX_FULL,
  pendingCheckIn,
  resendBody,
  settle,
  type NewItem,
  type OutboxItem,
  type OutboxState,
  type OutboxStore
} from '@/src/services/outbox'
import { LIMITS, jsonBytes, utf8Bytes } from '@/src/services/local-store'
import { CloudError } from '@/src/services/reply'

const body = (id: string): CheckInInput => ({
  submissionId: id,
  pointId: 'lp-village',
  fix: { lat: 36.6176, lng: 101.7949, accuracy: 20, capturedAt: '2026-03-05T01:00:00.000Z' },
  deviceNow: '2026-03-05T01:00:05.000Z',
  offline: false,
  note: '入户走访'
})
const checkIn = (id: string): NewItem => ({ kind: 'checkIn', key: id, body: body(id), label: '东关大街社区' })
const record = (visitId: string, after?: string): NewItem => ({
  kind: 'visitRecord',
  key: `record:${visitId}`,
  body: { visitId, category: 'village', method: 'homeVisit', peopleMet: { count: 3 }, problems: [{ area: 'living', text: '路灯坏了', handling: 'immediate' }] },
  label: '东关大街社区',
  ...(after ? { after } : {})
})
const diary = (entryId: string): NewItem => ({ kind: 'diary', key: entryId, body: { entryId, text: '今天走访了三户' }, label: '今天走访了三户' })
const demand = (submissionId: string): NewItem => ({
  kind: 'demand',
  key: submissionId,
  body: { submissionId, area: 'living', text: '自来水冻住了' },
  label: '自来水冻住了'
})

function memoryStore(initial: OutboxState = emptyOutbox()): OutboxStore {
  let state = initial
  return {
    load: () => JSON.parse(JSON.stringify(state)) as OutboxState,
    save(s) {
      state = JSON.parse(JSON.stringify(s)) as OutboxState
    }
  }
}

const t0 = new Date('2026-03-05T01:00:06.000Z')
const later = new Date('2026-03-05T09:00:00.000Z')

describe('outbox: pure state', () => {
  it('keeps a check-in’s first body once per id; a record queued again replaces the waiting version', () => {
    let s = enqueue(emptyOutbox(), checkIn('sub-aaaaaaaa'), t0)
    s = enqueue(s, { ...checkIn('sub-aaaaaaaa'), label: 'other' }, later)
    expect(s.pending).toHaveLength(1)
    expect(s.pending[0]).toMatchObject({ body: body('sub-aaaaaaaa'), attempts: 0, label: '东关大街社区', queuedAt: t0.toISOString() })
    s = enqueue(s, record('u-1_sub-aaaaaaaa', 'sub-aaaaaaaa'), t0)
    const edited = record('u-1_sub-aaaaaaaa', 'sub-aaaaaaaa')
    if (edited.kind === 'visitRecord') edited.body = { ...edited.body, needs: '改过的记录' }
    s = enqueue(s, edited, later)
    expect(s.pending.map((q) => q.key)).toEqual(['sub-aaaaaaaa', 'record:u-1_sub-aaaaaaaa'])
    expect(s.pending[1]).toMatchObject({ queuedAt: t0.toISOString(), body: { needs: '改过的记录' } })
  })

  it('resends a check-in’s original fix marked offline, with the phone clock at sending', () => {
    const out = resendBody(body('sub-aaaaaaaa'), later)
    expect(out).toEqual({ ...body('sub-aaaaaaaa'), offline: true, deviceNow: later.toISOString() })
    expect(out.fix).toEqual(body('sub-aaaaaaaa').fix)
  })

  it('settles: landed → 已上传, network trouble → kept, refused → 退回 with the server’s words', () => {
    let s = emptyOutbox()
    for (const id of ['sub-ok000000', 'sub-net00000', 'sub-bad00000', 'sub-cnf00000']) s = enqueue(s, checkIn(id), t0)
    s = settle(s, 'sub-ok000000', { ok: true, message: '离线补传成功' }, later)
    s = settle(s, 'sub-net00000', { ok: false, code: 'UNAVAILABLE', message: '网络不太好' }, later)
    s = settle(s, 'sub-bad00000', { ok: false, code: 'BAD_REQUEST', message: '超过了 72 小时的补传期限' }, later)
    s = settle(s, 'sub-cnf00000', { ok: false, code: 'CONFLICT', message: '这个提交编号已经用于另一次打卡了' }, later)
    expect(s.pending.map((q) => [q.key, q.attempts])).toEqual([['sub-net00000', 1]])
    expect(s.failed.map((f) => [f.key, f.code, f.message])).toEqual([
      ['sub-bad00000', 'BAD_REQUEST', '超过了 72 小时的补传期限'],
      ['sub-cnf00000', 'CONFLICT', '这个提交编号已经用于另一次打卡了']
    ])
    expect(s.done).toEqual([{ kind: 'checkIn', key: 'sub-ok000000', label: '东关大街社区', at: later.toISOString(), message: '离线补传成功' }])
  })

  it('finds the waiting check-in of a visit id (`${cadreId}_${submissionId}`)', () => {
    const s = enqueue(emptyOutbox(), checkIn('abcdef0123456789'), t0)
    expect(pendingCheckIn(s, 'user-1_abcdef0123456789')?.key).toBe('abcdef0123456789')
    expect(pendingCheckIn(s, 'user-1_other')).toBeUndefined()
  })

  it('refuses past its caps (items and bytes), measured as UTF-8', () => {
    expect(utf8Bytes('走访')).toBe(6)
    expect(utf8Bytes('a𝄞')).toBe(5)
    let s = emptyOutbox()
    // The largest record the server accepts: 三问 1,000 characters each, 10 problems of 500.
    const big = (i: number): NewItem => {
      const r = record(`u-1_v${i}`)
      if (r.kind === 'visitRecord') {
        r.body = {
          ...r.body,
          policy: '政'.repeat(1000),
          needs: '需'.repeat(1000),
          advice: '计'.repeat(1000),
          problems: Array.from({ length: 10 }, () => ({ area: 'living' as const, text: '问'.repeat(500), handling: 'immediate' as const }))
        }
      }
      return r
    }
    let n = 0
    expect(() => {
      for (;;) {
        s = enqueue(s, big(n), t0)
        n += 1
      }
    }).toThrow(OUTBOX_FULL)
    // About 36 of the largest records fit; the queue stays under its byte cap, far below WeChat's 1 MB a key.
    expect(n).toBeGreaterThan(30)
    expect(jsonBytes(s)).toBeLessThanOrEqual(LIMITS.outboxBytes)
    let many = emptyOutbox()
    for (let i = 0; i < LIMITS.outboxItems; i++) many = enqueue(many, diary(`entry-${String(i).padStart(4, '0')}`), t0)
    expect(() => enqueue(many, diary('entry-over'), t0)).toThrow(OUTBOX_FULL)
  })

  it('makes submission ids the server accepts, all different', () => {
    const ids = new Set(Array.from({ length: 200 }, newSubmissionId))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })
})

describe('outbox: flushing', () => {
  it('sends each kind once, in order; a check-in is resent marked offline', async () => {
    const sent: OutboxItem[] = []
    const box = createOutbox({ store: memoryStore(), now: () => later, send: async (item) => (sent.push(item), `${item.kind} ok`) })
    box.add(checkIn('sub-aaaaaaaa'))
    box.add(record('u-1_sub-aaaaaaaa', 'sub-aaaaaaaa'))
    box.add(diary('entry-00000001'))
    box.add(demand('dem-00000001'))
    const report = await box.flush()
    expect(sent.map((i) => i.kind)).toEqual(['checkIn', 'visitRecord', 'diary', 'demand'])
    expect(report.sent).toHaveLength(4)
    expect(box.state().pending).toEqual([])
    expect(box.state().done.map((d) => d.kind)).toEqual(['demand', 'diary', 'visitRecord', 'checkIn'])
    // Nothing left: a second flush sends nothing.
    await box.flush()
    expect(sent).toHaveLength(4)
  })

  it('a record waits while its check-in cannot be sent, and goes after it', async () => {
    const send = jest.fn<Promise<string>, [OutboxItem, Date]>().mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络不太好')).mockResolvedValue('ok')
    const box = createOutbox({ store: memoryStore(), send })
    box.add(checkIn('sub-aaaaaaaa'))
    box.add(record('u-1_sub-aaaaaaaa', 'sub-aaaaaaaa'))
    expect(await box.flush()).toMatchObject({ sent: [], kept: 2 })
    expect(send).toHaveBeenCalledTimes(1)
    expect((await box.flush()).sent.map((i) => i.kind)).toEqual(['checkIn', 'visitRecord'])
  })

  it('a record whose check-in was refused is 退回 too, saying why, without being sent', async () => {
    const send = jest.fn<Promise<string>, [OutboxItem, Date]>().mockRejectedValueOnce(new CloudError('BAD_REQUEST', '超过了 72 小时的补传期限'))
    const box = createOutbox({ store: memoryStore(), send })
    box.add(checkIn('sub-aaaaaaaa'))
    box.add(record('u-1_sub-aaaaaaaa', 'sub-aaaaaaaa'))
    const report = await box.flush()
    expect(send).toHaveBeenCalledTimes(1)
    expect(report.failed.map((f) => [f.kind, f.message])).toEqual([
      ['checkIn', '超过了 72 小时的补传期限'],
      ['visitRecord', '它所属的打卡没有上传成功（超过了 72 小时的补传期限），这条走访记录无法上传']
    ])
    box.dismiss('sub-aaaaaaaa')
    expect(box.state().failed.map((f) => f.key)).toEqual(['record:u-1_sub-aaaaaaaa'])
  })

  it('never sends the same item twice concurrently: a second flush joins the running one', async () => {
    let release: () => void = () => {}
    const send = jest.fn<Promise<string>, [OutboxItem, Date]>(() => new Promise((resolve) => (release = () => resolve('ok'))))
    const box = createOutbox({ store: memoryStore(), send })
    box.add(diary('entry-00000001'))
    const a = box.flush()
    expect(box.flush()).toBe(a)
    await Promise.resolve()
    expect(send).toHaveBeenCalledTimes(1)
    release()
    await a
    await box.flush()
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('an item queued during a flush waits for the next one; unreadable storage is an empty outbox', async () => {
    const sent: string[] = []
    const box = createOutbox({
      store: memoryStore(),
      send: async (item) => {
        sent.push(item.key)
        if (item.key === 'entry-00000001') box.add(diary('entry-00000002'))
        return 'ok'
      }
    })
    box.add(diary('entry-00000001'))
    await box.flush()
    expect(sent).toEqual(['entry-00000001'])
    expect(box.state().pending.map((x) => x.key)).toEqual(['entry-00000002'])
    const broken = createOutbox({
      store: {
        load: () => {
          throw new Error('corrupt')
        },
        save: () => {}
      },
      send: jest.fn()
    })
    expect(broken.state()).toEqual(emptyOutbox())
    expect(await broken.flush()).toEqual({ sent: [], failed: [], kept: 0 })
  })
})
