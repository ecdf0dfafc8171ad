/**
 * What a person sees on a 390 px phone: chip bars (a page's tabs, periods and years) sit off the screen's edges and
 * take their own room — a bar drawn over the button below it, or flush against the edge, is there in the DOM and
 * useless on the screen. Most pages here have such a bar straight on the page (`<Chips bar>`); on every one, every
 * text keeps a margin from the edges, every link, chip and button is a full tap target, and a hint inside a card
 * lines up with the card's other text.
 */
import type { Page } from 'playwright-core'
import { e2eApp } from '@/test/helpers/e2e'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '@/test/helpers/time-scale'

const app = e2eApp([
  'user',
  'visit',
  'orgs',
  'rankings',
  'feedback',
  'surveys',
  'reviews',
  'packs',
  'voices',
  'dashboard',
  'demands',
  'households',
  'exemplars',
  'ratings'
])

const WIDTH = 390
const MARGIN = 8

const pages: [at: string, as: string][] = [
  ['cadre/pages/reports/index', demoAccounts.cadre],
  ['cadre/pages/ledger/index', demoAccounts.cadre],
  ['cadre/pages/outcomes/index', demoAccounts.cadre],
  ['manager/pages/holidays/index', demoAccounts.admin],
  ['manager/pages/feedback/index', demoAccounts.admin],
  ['manager/pages/honours/index', demoAccounts.countyManager],
  ['manager/pages/cases/index', demoAccounts.countyManager],
  ['manager/pages/rankings/index', demoAccounts.countyManager],
  ['manager/pages/dashboard/index', demoAccounts.countyManager],
  ['work/pages/pack/index', demoAccounts.countyManager],
  ['work/pages/reviews/index', demoAccounts.countyManager],
  ['work/pages/surveys/index', demoAccounts.countyManager],
  ['work/pages/voices/index', demoAccounts.countyManager],
  ['cadre/pages/diary/index', demoAccounts.cadre],
  ['manager/pages/org/index', demoAccounts.countyManager],
  ['account/pages/join/index', demoAccounts.resident]
]

interface Flaw {
  what: string
  text: string
}

/**
 * Chips off the edges and inside every box around them; links, chips and buttons at least 44 px tall (a thumb, and
 * WeChat's own guidance); every text inside the margins; hints in cards aligned.
 */
function flaws(page: Page, margin: number): Promise<Flaw[]> {
  return page.evaluate((m) => {
    const out: { what: string; text: string }[] = []
    const vw = document.documentElement.clientWidth
    const visible = (r: DOMRect) => r.width > 0 && r.height > 0
    for (const chip of Array.from(document.querySelectorAll('.jdq-chip'))) {
      const r = chip.getBoundingClientRect()
      if (!visible(r)) continue
      const text = chip.textContent ?? ''
      if (r.left < m || r.right > vw - m) out.push({ what: `chip at ${Math.round(r.left)}–${Math.round(r.right)} px`, text })
      // Up to the first box that scrolls or clips (the page itself): below it, content past the screen is scrolled to.
      for (let box = chip.parentElement; box && box !== document.body && getComputedStyle(box).overflowY === 'visible'; box = box.parentElement) {
        const b = box.getBoundingClientRect()
        if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) {
          out.push({ what: `chip spills out of ${box.className || box.tagName}`, text })
          break
        }
      }
    }
    for (const target of Array.from(document.querySelectorAll('.jdq-link, .jdq-chip, .jdq-btn'))) {
      const r = target.getBoundingClientRect()
      if (visible(r) && r.height < 44) out.push({ what: `tap target ${Math.round(r.height)} px tall`, text: target.textContent ?? '' })
    }
    for (const hint of Array.from(document.querySelectorAll('.jdq-card .jdq-hint'))) {
      const card = hint.closest('.jdq-card')!
      const inner = card.getBoundingClientRect().left + parseFloat(getComputedStyle(card).paddingLeft)
      const r = hint.getBoundingClientRect()
      if (visible(r) && Math.abs(r.left - inner) > 0.5)
        out.push({ what: `hint ${Math.round(r.left - inner)} px off the card's text`, text: hint.textContent ?? '' })
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? ''
      if (!text) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const r = range.getBoundingClientRect()
      if (visible(r) && (r.left < m || r.right > vw - m)) out.push({ what: `text at ${Math.round(r.left)}–${Math.round(r.right)} px`, text })
    }
    return out
  }, margin)
}

describe('page layout on a phone', () => {
  it.each(pages)(
    '%s: chip bars and text keep off the edges and out of each other’s way',
    async (at, as) => {
      const page = await app.open({ as, at: `#/${at}` })
      await page.waitForSelector('[data-testid]:not([data-testid="loading"])')
      await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'))
      expect(page.viewportSize()?.width).toBe(WIDTH)
      expect(await flaws(page, MARGIN)).toEqual([])
      await page.context().close()
    },
    scaled(30_000)
  )
})
