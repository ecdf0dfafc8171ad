/**
 * The compiled weapp's offline queue in miniprogram-simulate: with what a cadre did without signal in the
 * phone's storage (a check-in, a 民情日记 entry, a problem for the ledger), the home page says how many wait;
 * while wx.cloud.callFunction fails they stay; with the network back the app sends them to the real functions
 * (through the emulator's gateway) and they land — once, even when the same queue is sent again.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { cloudBridge, openPage, postGateway, requireBuild, root, startApp, tapText, waitFor, waitForText } from './weapp'
import { scaled } from '../helpers/time-scale'
import type { OutboxState } from '@/src/services/outbox'

jest.setTimeout(scaled(120000))

describe('compiled weapp: the offline queue', () => {
  let emu: TestEmulator | undefined
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]
  /** WeChat's per-user storage (miniprogram-simulate's is a no-op). */
  const storage = new Map<string, unknown>()

  beforeAll(async () => {
    requireBuild()
    emu = await startEmulator({ args: ['--functions', path.join(root, 'build/cloudfunctions'), '--no-timers'] })
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/seed/index.ts'), '--url', emu.url], { cwd: root, encoding: 'utf8' })
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr || seeded.stdout}`)
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('keeps what waits while the network fails, sends it when it is back, and lands each once', async () => {
    const now = Date.now()
    const submissionId = randomUUID().replace(/-/g, '')
    const entryId = randomUUID()
    const demandId = randomUUID()
    const diaryText = `离线写的日记（${now}）`
    const problemText = `离线登记的诉求（${now}）`
    const queued: OutboxState = {
      pending: [
        {
          kind: 'checkIn',
          key: submissionId,
          label: point.name,
          queuedAt: new Date(now - 60_000).toISOString(),
          attempts: 0,
          body: {
            submissionId,
            pointId: point._id,
            fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 70_000).toISOString() },
            deviceNow: new Date(now - 60_000).toISOString(),
            offline: false
          }
        },
        { kind: 'diary', key: entryId, label: diaryText, queuedAt: new Date(now - 50_000).toISOString(), attempts: 0, body: { entryId, text: diaryText } },
        {
          kind: 'demand',
          key: demandId,
          label: problemText,
          queuedAt: new Date(now - 40_000).toISOString(),
          attempts: 0,
          body: { submissionId: demandId, area: 'living', text: problemText }
        }
      ],
      failed: [],
      done: []
    }
    storage.set('jdq.outbox.v1', JSON.parse(JSON.stringify(queued)))
    // The app was opened with signal before: who the cadre is, kept on the phone.
    const me = (await postGateway(emu!.url, demoAccounts.cadre, 'user', { action: 'me' })).body as { result: { data: unknown } }
    storage.set('jdq.cache.user.me', { at: new Date(now - 3_600_000).toISOString(), data: me.result.data })

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('miniprogram-simulate')
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
    if (!wx) throw new Error('miniprogram-simulate did not set up wx')
    Object.assign(wx, {
      getStorageSync: (k: string) => (storage.has(k) ? JSON.parse(JSON.stringify(storage.get(k))) : ''),
      setStorageSync: (k: string, v: unknown) => void storage.set(k, JSON.parse(JSON.stringify(v))),
      removeStorageSync: (k: string) => void storage.delete(k),
      getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: Math.ceil(JSON.stringify([...storage]).length / 1024), limitSize: 10240 })
    })
    let offline = true
    const bridge = cloudBridge({ url: emu!.url, openid: demoAccounts.cadre })
    const cloud = {
      ...bridge,
      callFunction(params: Parameters<typeof bridge.callFunction>[0]) {
        if (!offline) return bridge.callFunction(params)
        const err = { errMsg: 'cloud.callFunction:fail network error', errCode: -1 }
        params.fail?.(err)
        params.complete?.(err)
        return Promise.reject(err)
      }
    }
    const app = startApp(cloud as ReturnType<typeof cloudBridge>)
    ;(app.appConfig.onShow as ((o: unknown) => void) | undefined)?.call(app.appConfig, { path: 'pages/index/index', query: {} })

    // No signal: the home page (who the cadre is, from the phone) says what waits; tries fail and it stays.
    const home = openPage(app, 'pages/index/index')
    await waitForText(home, (t) => t.includes('3 条待上传'), '“3 条待上传” on the home page')
    await waitFor(() => (storage.get('jdq.outbox.v1') as OutboxState).pending.every((q) => q.attempts > 0), 'a first failed attempt')
    expect((storage.get('jdq.outbox.v1') as OutboxState).pending).toHaveLength(3)

    // The network is back: 立即上传 sends them, in order.
    offline = false
    tapText(home, '.main--jdq-btn', '立即上传')
    await waitFor(() => (storage.get('jdq.outbox.v1') as OutboxState).pending.length === 0, 'the queue to empty')
    const after = storage.get('jdq.outbox.v1') as OutboxState
    expect(after.failed).toEqual([])
    expect(after.done.map((d) => d.kind).sort()).toEqual(['checkIn', 'demand', 'diary'])
    await waitForText(home, (t) => !t.includes('条待上传'), 'the banner to go')

    const landed = async () => {
      const visits = (await postGateway(emu!.url, demoAccounts.cadre, 'visit', { action: 'list', limit: 50 })).body as {
        result: { data: { items: { submissionId: string; offline: boolean }[] } }
      }
      const diary = (await postGateway(emu!.url, demoAccounts.cadre, 'diary', { action: 'list', limit: 50 })).body as {
        result: { data: { items: { text: string }[] } }
      }
      const demands = (await postGateway(emu!.url, demoAccounts.cadre, 'demands', { action: 'list', filter: 'all', limit: 50 })).body as {
        result: { data: { items: { text: string }[] } }
      }
      const mine = visits.result.data.items.filter((v) => v.submissionId === submissionId)
      return {
        visits: mine.length,
        offline: mine[0]?.offline,
        diary: diary.result.data.items.filter((d) => d.text === diaryText).length,
        demands: demands.result.data.items.filter((d) => d.text === problemText).length
      }
    }
    expect(await landed()).toEqual({ visits: 1, offline: true, diary: 1, demands: 1 })

    // The same queue again (a reply lost on the way back): a new show sends it, answered from what landed.
    storage.set('jdq.outbox.v1', JSON.parse(JSON.stringify(queued)))
    const instance = home.instance as { onShow?: () => void }
    instance.onShow?.call(instance)
    await waitFor(() => (storage.get('jdq.outbox.v1') as OutboxState).pending.length === 0, 'the replayed queue to empty')
    expect((storage.get('jdq.outbox.v1') as OutboxState).failed).toEqual([])
    expect(await landed()).toEqual({ visits: 1, offline: true, diary: 1, demands: 1 })
  })
})
