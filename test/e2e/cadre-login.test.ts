import { e2eApp } from '../helpers/e2e'
import { buildDemoData, demoAccounts } from '../../scripts/seed/demo-data'
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
    await page.locator(`[data-openid="${demoAccounts.cadre}"]`).click()

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
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: scaled(20000) })
}
