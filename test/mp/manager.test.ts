/**
 * The compiled weapp's managers' subpackage in miniprogram-simulate against the emulator: the managers' page
 * lists its entries for a county manager and a tap navigates to the entry's page; the 成效排行 page shows the
 * rankings the job computed over the demo outcomes.
 */
import type { TestEmulator } from '../helpers/emulator'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { cloudBridge, emulatorWithOutcomes, openPage, requireBuild, startApp, tapText, waitFor, waitForText, type GatewayCall } from './weapp'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120000))

describe('compiled weapp managers’ subpackage against the emulator', () => {
  let emu: TestEmulator | undefined

  beforeAll(async () => {
    requireBuild()
    emu = await emulatorWithOutcomes(['user', 'rankings'])
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('shows a county manager their entries, opens the ranking on a tap, and the ranking lists the county’s cadres', async () => {
    const calls: GatewayCall[] = []
    const app = startApp(cloudBridge({ url: emu!.url, openid: demoAccounts.countyManager, calls }))

    const home = openPage(app, 'manager/pages/index/index')
    const text = await waitForText(home, (t) => t.includes('成效排行'), 'the managers’ entries')
    expect(text).toContain('城东区妇联')
    expect(text).toContain('差评回访和诉求督办')
    // The campaign office's own work is not offered to a county manager.
    expect(text).not.toContain('投诉建议处理')

    tapText(home, '.main--mgr-entry', '成效排行')
    await waitFor(() => app.navigations.length > 0, 'a navigation')
    expect(app.navigations).toEqual(['/manager/pages/rankings/index'])

    const ranking = openPage(app, 'manager/pages/rankings/index')
    const listed = await waitForText(ranking, (t) => /1\.\s*\S+/.test(t) && t.includes('分'), 'ranked cadres')
    expect(listed).not.toContain('没能加载出来')
    expect(calls.some((c) => c.name === 'rankings' && c.status === 200)).toBe(true)
  })
})
