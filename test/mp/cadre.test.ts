/**
 * The compiled weapp's cadre subpackage in miniprogram-simulate against the emulator: 我的成效 shows the demo
 * cadre's score and rank computed by the rankings job, and tapping 本年度 asks for the year.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { seed } from '../../scripts/seed'
import { seedOutcomes } from '../../scripts/seed/demo-outcomes'
import { demoAccounts } from '../../scripts/seed/demo-data'
import { cloudBridge, openPage, requireBuild, root, startApp, tapText, waitFor, waitForText, type GatewayCall } from './weapp'

jest.setTimeout(120000)

describe('compiled weapp cadre subpackage against the emulator', () => {
  let emu: TestEmulator | undefined

  beforeAll(async () => {
    requireBuild()
    const functions = path.join(root, 'build/cloudfunctions')
    if (!existsSync(path.join(functions, 'rankings', 'index.js'))) throw new Error('build/cloudfunctions/rankings/index.js is missing: run `npm run build:functions` first')
    emu = await startEmulator({ args: ['--functions', functions, '--no-timers'] })
    await seed(emu.url)
    const { ranked } = await seedOutcomes(emu.url)
    if (!ranked) throw new Error('the rankings job did not finish over the demo outcomes')
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('我的成效: the score, its breakdown and rank; 本年度 on a tap', async () => {
    const calls: GatewayCall[] = []
    const app = startApp(cloudBridge({ url: emu!.url, openid: demoAccounts.cadre, calls }))
    const page = openPage(app, 'cadre/pages/outcomes/index')
    const text = await waitForText(page, (t) => t.includes('得分怎么算的'), 'the score breakdown')
    expect(text).toMatch(/\d+(\.\d)?\s*分/)
    expect(text).toContain('群众满意度')
    expect(text).toMatch(/排第 \d+ 名/)
    expect(calls[0]).toMatchObject({ name: 'rankings', data: { action: 'mine', kind: 'month' }, status: 200 })

    tapText(page, '.main--jdq-chip', '本年度')
    await waitFor(() => calls.some((c) => (c.data as { kind?: string }).kind === 'year'), 'the year asked for')
    expect(calls.find((c) => (c.data as { kind?: string }).kind === 'year')).toMatchObject({ name: 'rankings', status: 200 })
  })
})
