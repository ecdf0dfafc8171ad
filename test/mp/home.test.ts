/**
 * The compiled weapp home page in miniprogram-simulate, calling the real `user` function through the
 * emulator's gateway (wx.cloud.callFunction bridged over HTTP, identity = a seeded demo cadre).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { cloudBridge, openPage, postGateway, requireBuild, root, startApp, tap, waitFor, waitForText, type GatewayCall } from './weapp'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(90000))

describe('compiled weapp home page against the emulator', () => {
  let emu: TestEmulator | undefined
  let gatewayServes = false
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const points = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)

  beforeAll(async () => {
    requireBuild()
    const functions = path.join(root, 'build/cloudfunctions')
    if (!existsSync(path.join(functions, 'user/index.js'))) {
      throw new Error('build/cloudfunctions/user/index.js is missing: run `npm run build:functions` first')
    }
    emu = await startEmulator({ args: ['--functions', functions, '--no-timers'] })
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/seed/index.ts'), '--url', emu.url], {
      cwd: root,
      encoding: 'utf8'
    })
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr || seeded.stdout}`)
    // Until the emulator serves /__/gateway the page can only show its error state (see the second branch below).
    const probe = await postGateway(emu.url, demoAccounts.cadre, 'user', { action: 'me' })
    gatewayServes = probe.status !== 404
  })

  afterAll(async () => {
    await emu?.stop()
  })

  it('shows the cadre’s own name, organisation and liaison points read by the user function', async () => {
    const calls: GatewayCall[] = []
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const cloud = cloudBridge({ url: emu!.url, openid: demoAccounts.cadre, calls, gate })
    const app = startApp(cloud)

    const page = openPage(app, 'pages/index/index')
    // First the loading state, while the call is held back.
    await waitForText(page, (t) => t.includes('正在加载'), 'the loading state')
    release()

    await waitForText(page, (t) => !t.includes('正在加载'), 'an answer')
    // wx.cloud.init ran exactly once, before the first call (JDQ_CLOUD_ENV was empty at build: default env).
    expect(cloud.inited).toEqual([{ traceUser: true }])

    if (gatewayServes) {
      const text = await waitForText(page, (t) => t.includes(cadre.name), `the cadre's name ${cadre.name}`)
      expect(text).toContain('城东区妇联')
      for (const p of points) expect(text).toContain(p.name)
      expect(text).not.toContain('没能加载出来')
      expect(calls[0]).toMatchObject({ name: 'user', data: { action: 'me' }, status: 200 })
    } else {
      console.warn('[mp] the emulator does not serve /__/gateway/callFunction yet: checking the error state only')
      const text = await waitForText(page, (t) => t.includes('没能加载出来'), 'the error state')
      expect(text).toContain('网络不太好')
      expect(text).toContain('重试')
      // A read is tried once more on network failure.
      expect(calls).toHaveLength(2)
      expect(calls[0]).toMatchObject({ name: 'user', data: { action: 'me' }, status: 404 })
      // Tapping 重试 reaches the React handler in the compiled page and loads again.
      tap(page, '.main--jdq-btn')
      await waitFor(() => calls.length === 4, 'a second load after 重试')
      await waitForText(page, (t) => t.includes('没能加载出来'), 'the error state again')
    }
  })
})
