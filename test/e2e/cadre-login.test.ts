import { e2eApp } from '../helpers/e2e'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '../helpers/time-scale'

describe('H5 app on the emulator, in Chromium', () => {
  const app = e2eApp(['user'])
  const demo = buildDemoData()

  it('a demo cadre logs in and sees their own data read by a cloud function', async () => {
    const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
    const points = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)
    // Without a session the app sends the browser to the dev login page.
    const page = await app.open()
    await page.waitForURL(/\/__\/login/, { timeout: scaled(20000) })
    // README's demo cadre is pinned at the top, with its openid; the search narrows the long lists.
    expect(await page.locator('[data-testid="pinned"] [data-openid]').first().getAttribute('data-openid')).toBe(demoAccounts.cadre)
    await page.locator('#search').fill('chengdong-cadre-1')
    const shown = await page.locator('li[data-search]:visible button').evaluateAll((els) => els.map((e) => e.getAttribute('data-openid')))
    expect(new Set(shown)).toEqual(
      new Set(['demo-women-xining-chengdong-cadre-1', 'demo-union-xining-chengdong-cadre-1', 'demo-league-xining-chengdong-cadre-1'])
    )
    await app.shot(page, 'dev-login-search')
    await page.locator(`[data-testid="pinned"] [data-openid="${demoAccounts.cadre}"]`).click()

    await page.waitForURL((u) => !u.pathname.startsWith('/__/'), { timeout: scaled(20000) })
    await expectText(page, cadre.name)
    await expectText(page, '城东区妇联')
    for (const point of points) await expectText(page, point.name)
    await app.shot(page, 'cadre-home')
    await page.context().close()
  })

  it('a resident who is not bound sees how to rate or report, not a cadre workspace', async () => {
    const page = await app.open({ as: 'o-e2e-resident' })
    await expectText(page, '扫码')
    await page.context().close()
  })
})

async function expectText(page: import('playwright-core').Page, text: string): Promise<void> {
  await page
    .getByText(text, { exact: false })
    .first()
    .waitFor({ state: 'visible', timeout: scaled(20000) })
}
