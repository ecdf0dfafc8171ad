/**
 * The compiled weapp's cadre subpackage in miniprogram-simulate against the emulator: 我的成效 shows the demo
 * cadre's score (live, by the rankings job's rules; the rank kept for managers), and tapping 本年度 asks for the year.
 */
import type { TestEmulator } from '../helpers/emulator'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { cloudBridge, emulatorWithOutcomes, openPage, requireBuild, startApp, tapText, waitFor, waitForText, type GatewayCall } from './weapp'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120000))

describe('compiled weapp cadre subpackage against the emulator', () => {
  let emu: TestEmulator | undefined

  beforeAll(async () => {
    requireBuild()
    emu = await emulatorWithOutcomes(['rankings'])
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('我的成效: the score, its breakdown and the rule — no rank for the cadre by default; 本年度 on a tap', async () => {
    const calls: GatewayCall[] = []
    const app = startApp(cloudBridge({ url: emu!.url, openid: demoAccounts.cadre, calls }))
    const page = openPage(app, 'cadre/pages/outcomes/index')
    const text = await waitForText(page, (t) => t.includes('得分怎么算的'), 'the score breakdown')
    expect(text).toMatch(/\d+(\.\d)?\s*分/)
    expect(text).toContain('群众满意度')
    expect(text).toContain('满 5 条评价才计分')
    expect(text).toContain('下基层天数（只看进度，不计分）')
    expect(text).not.toMatch(/排第 \d+ 名/)
    expect(text).toContain('排名只给管理员看')
    expect(calls[0]).toMatchObject({ name: 'rankings', data: { action: 'mine', kind: 'month' }, status: 200 })

    tapText(page, '.main--jdq-chip', '本年度')
    await waitFor(() => calls.some((c) => (c.data as { kind?: string }).kind === 'year'), 'the year asked for')
    expect(calls.find((c) => (c.data as { kind?: string }).kind === 'year')).toMatchObject({ name: 'rankings', status: 200 })
  })
})
