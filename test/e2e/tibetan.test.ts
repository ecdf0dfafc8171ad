/**
 * A resident who reads Tibetan, in Chromium against the H5 build (with Debian's fonts-tibetan-machine, which
 * scripts/setup.sh --browser installs): the rating page switches to བོད་ཡིག and remembers it, shows the five
 * levels as faces with their Tibetan words, takes the rating, and every Tibetan letter on it is drawn by a real
 * glyph (no missing-glyph boxes). With WeChat's care-mode text size the page's text grows with it. The resident's
 * home and 投诉建议 likewise.
 */
import type { Page } from 'playwright-core'
import { checkInNear, e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { scaled } from '../helpers/time-scale'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { QrCode } from '@/types/service'

const wait = { state: 'visible' as const, timeout: scaled(30000) }

/**
 * Whether the page draws each Tibetan letter with a glyph of its own: a font lacking them draws every one as
 * the same missing-glyph box (the one a Private Use Area code point gets), so two letters would look alike.
 */
async function tibetanGlyphs(page: Page, selector: string): Promise<{ distinct: boolean; notBoxes: boolean; family: string }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!
    const family = getComputedStyle(el).fontFamily
    const draw = (ch: string) => {
      const c = document.createElement('canvas')
      c.width = 64
      c.height = 64
      const ctx = c.getContext('2d')!
      ctx.font = `40px ${family}`
      ctx.fillText(ch, 8, 44)
      return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',')
    }
    const box = draw('\uE000')
    const letters = ['ཀ', 'ག', 'ཡ', 'ཚ', 'ཧ'].map(draw)
    return { distinct: new Set(letters).size === letters.length, notBoxes: letters.every((l) => l !== box), family }
  }, selector)
}

describe('a resident rates in Tibetan, in Chromium', () => {
  const app = e2eApp(['user', 'visit', 'ratings', 'demands', 'reminders', 'feedback'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  async function ratingPage(resident: string, fontScale?: number): Promise<Page> {
    const visit = await checkInNear(app.url, demoAccounts.cadre, point)
    const qr = await callAs<QrCode>(app.url, demoAccounts.cadre, 'ratings', { action: 'qr', kind: 'visit', targetId: visit.visit.id })
    if (!qr.ok) throw new Error(qr.message)
    const page = await app.open({ as: resident, at: qr.data.h5Path.replace(/^\//, ''), context: { viewport: { width: 375, height: 812 } } })
    await page.locator('[data-testid="rate-page"]').waitFor(wait)
    if (fontScale) {
      // The browser's stand-in for WeChat's font setting (src/i18n/font-scale.ts), in Taro's storage format.
      await page.evaluate((n) => localStorage.setItem('jdq.fontScale', JSON.stringify({ data: n })), fontScale)
      await page.reload()
      await page.locator('[data-testid="rate-page"]').waitFor(wait)
    }
    return page
  }

  it('switches to བོད་ཡིག, remembers it, rates with faces, and draws every letter', async () => {
    const page = await ratingPage(`o-resident-bo-${Date.now()}`)
    await page.locator('[data-testid="lang-bo"]').click()
    await page.locator('[data-testid="rate-page"][data-lang="bo"]').waitFor(wait)
    expect(await page.locator('[data-testid="start-rate"]').textContent()).toContain('དཔྱད་བརྗོད')
    await app.shot(page, 'tibetan-landing')

    // Remembered: a reload keeps Tibetan.
    await page.reload()
    await page.locator('[data-testid="rate-page"][data-lang="bo"]').waitFor(wait)

    await page.locator('[data-testid="start-rate"]').click()
    await page.locator('[data-testid="rate-form"]').waitFor(wait)
    expect(await page.locator('[data-testid="level-verySatisfied"]').textContent()).toBe('ཧ་ཅང་ཡིད་ཚིམ།')
    expect(await page.locator('[data-testid="level-verySatisfied"] .rate-face').count()).toBe(1)
    await page.locator('[data-testid="level-satisfied"]').click()
    await page.locator('[data-testid="tag-耐心倾听"]').click()
    expect(await page.locator('[data-testid="tag-耐心倾听"]').textContent()).toBe('✓ བློ་སྲ་པོས་ཉན།')
    await app.shot(page, 'tibetan-rating')
    const glyphs = await tibetanGlyphs(page, '[data-testid="level-satisfied"] .rate-level__word')
    expect(glyphs).toMatchObject({ distinct: true, notBoxes: true })
    expect(glyphs.family).toContain('Tibetan Machine Uni')

    await page.locator('[data-testid="submit-rating"]').click()
    await page.locator('[data-testid="thanks"]').waitFor(wait)
    expect(await page.locator('[data-testid="thanks"]').textContent()).toContain('ཐུགས་རྗེ་ཆེ།')
    await app.shot(page, 'tibetan-thanks')
    // Back on the landing: rated, said in Tibetan.
    await page.locator('[data-testid="back"]').click()
    await page.locator('[data-testid="rate-blocked"]').waitFor(wait)
    expect(await page.locator('[data-testid="rate-blocked"]').textContent()).toContain('ཡིད་ཚིམ།')
    await page.context().close()
  })

  it('the resident’s home and 投诉建议 in བོད་ཡིག at care-mode size, every letter drawn', async () => {
    const page = await app.open({ as: `o-resident-home-bo-${Date.now()}`, at: '#/pages/index/index', context: { viewport: { width: 375, height: 812 } } })
    // The resident chose Tibetan before, and WeChat's font setting is 1.4 (the browser's stand-ins, in Taro's storage format).
    await page.evaluate(() => {
      localStorage.setItem('jdq.lang', JSON.stringify({ data: 'bo' }))
      localStorage.setItem('jdq.fontScale', JSON.stringify({ data: 1.4 }))
    })
    await page.reload()
    await page.locator('[data-testid="home"][data-lang="bo"]').waitFor(wait)
    expect(await page.locator('[data-testid="profile"]').textContent()).toContain('བཀྲ་ཤིས་བདེ་ལེགས།')
    expect(await page.locator('[data-testid="resident-guide"]').textContent()).not.toMatch(/[\u4e00-\u9fff]/)
    const name = await page.locator('.home-profile__name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(name).toBeGreaterThan(26 * 1.35)
    expect(await tibetanGlyphs(page, '[data-testid="resident-guide"] .home-guide__item')).toMatchObject({ distinct: true, notBoxes: true })
    await app.shot(page, 'tibetan-home')

    await page.locator('[data-testid="open-feedback"]').click()
    await page.locator('[data-testid="feedback"][data-lang="bo"]').waitFor(wait)
    await page.locator('[data-testid="fb-send"]').click()
    expect(await page.locator('[data-testid="feedback"]').textContent()).toContain('སྐྱོན་བརྗོད་དམ་གྲོས་འགོ་གང་ཡིན་འདེམས་རོགས།')
    expect(await tibetanGlyphs(page, '[data-testid="fb-kind-complaint"]')).toMatchObject({ distinct: true, notBoxes: true })
    await app.shot(page, 'tibetan-feedback')
    await page.context().close()
  })

  it('grows the text with WeChat’s care-mode size (1.4×)', async () => {
    const size = async (page: Page) => {
      await page.locator('[data-testid="start-rate"]').click()
      await page.locator('[data-testid="rate-form"]').waitFor(wait)
      return page.locator('[data-testid="level-satisfied"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    }
    const plain = await ratingPage(`o-resident-fs1-${Date.now()}`)
    const normal = await size(plain)
    await plain.context().close()
    const care = await ratingPage(`o-resident-fs14-${Date.now()}`, 1.4)
    const large = await size(care)
    await app.shot(care, 'care-mode-rating')
    await care.context().close()
    expect(large / normal).toBeGreaterThan(1.35)
    expect(large / normal).toBeLessThan(1.45)
  })
})
