/**
 * Every QR code the app shows scans: each is read back from the rendered page with jsQR (the pixels a phone's
 * camera would see), and the link it holds opens the right page of this H5 app in a fresh browser — a visit's
 * code and a liaison point's plate open the resident's rating page, an invitation opens 加入单位. The point's
 * printable plate card (drawn on the phone) carries the same code, readable from the picture that gets printed.
 */
import { writeFileSync } from 'node:fs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { checkInNear, e2eApp } from '../helpers/e2e'
import { scanQr as scan } from '../helpers/qr-scan'
import { scaled } from '../helpers/time-scale'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'

const wait = { state: 'visible' as const, timeout: scaled(30000) }

describe('QR codes scan and open the right page, in Chromium', () => {
  const app = e2eApp(['user', 'visit', 'ratings', 'orgs', 'demands'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  it('a visit’s code and the liaison point’s plate open the rating page', async () => {
    const visit = await checkInNear(app.url, demoAccounts.cadre, point)
    const page = await app.open({
      as: demoAccounts.cadre,
      at: `#/cadre/pages/qr/index?kind=visit&id=${encodeURIComponent(visit.visit.id)}`,
      context: { viewport: { width: 375, height: 812 } }
    })
    const visitLink = await scan(page, 'qr-image')
    await app.shot(page, 'qr-visit')
    await page.evaluate((id) => (window.location.hash = `#/cadre/pages/qr/index?kind=point&id=${encodeURIComponent(id)}`), point._id)
    await page.locator('[data-testid="qr-scene"]').filter({ hasText: /^p/ }).waitFor(wait)
    const plateLink = await scan(page, 'qr-image')

    // The printable plate card: the same code, read from the full-size picture that gets printed.
    await page.locator('[data-testid="plate-make"]').click()
    const card = page.locator('[data-testid="plate-image"] img')
    await card.waitFor(wait)
    const picture = Buffer.from((await card.getAttribute('src'))!.replace(/^data:image\/png;base64,/, ''), 'base64')
    writeFileSync('test-results/e2e-qr-plate-card.png', picture)
    const png = PNG.sync.read(picture)
    expect([png.width, png.height]).toEqual([1200, 1720])
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(plateLink)
    // Shown whole, at the card's proportions (not cropped to an image box's default height).
    const shown = (await page.locator('[data-testid="plate-image"]').boundingBox())!
    expect(Math.abs(shown.height / shown.width - 1720 / 1200)).toBeLessThan(0.02)
    await page.locator('[data-testid="plate"]').scrollIntoViewIfNeeded()
    await app.shot(page, 'qr-plate')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="plate-save"]').click()])
    expect(download.suggestedFilename()).toBe(`联系点铭牌-${point.name}.png`)
    await page.context().close()

    for (const [link, expected] of [
      [visitLink, cadre.name],
      [plateLink, point.name]
    ] as const) {
      expect(link.startsWith(`${app.url}/#/pages/rate/index?scene=`)).toBe(true)
      // A resident's browser (no session) opening the scanned link: the dev login first, then the rating page.
      const resident = await app.open({ as: `o-resident-qr-${Date.now()}`, at: link.slice(app.url.length + 1) })
      await resident.locator('[data-testid="rate-page"]').waitFor(wait)
      expect(await resident.locator('[data-testid="visit-card"]').textContent()).toContain(expected)
      await resident.context().close()
    }
  })

  it('a damaged code tells the resident so, in plain words, and offers the way home rather than 重试', async () => {
    const resident = await app.open({ as: `o-resident-qr-bad-${Date.now()}`, at: '#/pages/rate/index?scene=x' })
    await resident.locator('[data-testid="error"]').waitFor(wait)
    expect(await resident.locator('[data-testid="error"]').textContent()).toContain('这个二维码已失效，请联系干部重新出示')
    expect(await resident.locator('[data-testid="retry"]').count()).toBe(0)
    await resident.locator('[data-testid="go-home"]').click()
    await resident.locator('[data-testid="resident-guide"]').waitFor(wait)
    await resident.context().close()
    // A link cut short before its code: the schema's own words, not the name of a parameter the resident never saw.
    const cut = await app.open({ as: `o-resident-qr-cut-${Date.now()}`, at: '#/pages/rate/index' })
    await cut.locator('[data-testid="error"]').waitFor(wait)
    expect(await cut.locator('[data-testid="error"]').textContent()).toContain('提交的内容有误：二维码编号不对，请重新扫码')
    expect(await cut.locator('[data-testid="go-home"]').count()).toBe(1)
    await cut.context().close()
  })

  it('an invitation’s code, drawn whole and centred, opens 加入单位 with the code filled in', async () => {
    const page = await app.open({ as: demoAccounts.countyManager, at: '#/manager/pages/org/index', context: { viewport: { width: 375, height: 812 } } })
    await page.locator('[data-testid="invite-name"] input').fill('扫码测试')
    await page.locator('[data-testid="invite-create"]').click()
    const link = await scan(page, 'invite-qr')
    // Centred in the card: as much room on the left as on the right.
    const box = (await page.locator('[data-testid="invite-qr"]').boundingBox())!
    const card = (await page.locator('[data-testid="invite-created"]').boundingBox())!
    expect(Math.abs(box.x - card.x - (card.x + card.width - box.x - box.width))).toBeLessThanOrEqual(2)
    await page.locator('[data-testid="invite-created"]').scrollIntoViewIfNeeded()
    await app.shot(page, 'qr-invite')
    const code = ((await page.locator('[data-testid="invite-code"]').textContent()) ?? '').replace(/[^0-9A-Z]/g, '')
    await page.context().close()

    expect(link.startsWith(`${app.url}/#/account/pages/join/index?scene=`)).toBe(true)
    const invited = await app.open({ as: `o-invited-qr-${Date.now()}`, at: link.slice(app.url.length + 1) })
    await invited.locator(`text=${'扫码测试'}`).first().waitFor(wait)
    expect(decodeURIComponent(new URL(link).hash.split('scene=')[1])).toBe(code)
    await invited.context().close()
  })
})
