/**
 * The residents' message catalog (src/i18n) and the rating page in Tibetan: every key has both languages, the
 * switch re-renders the page and is remembered on the phone, levels show as faces with their words, the reason a
 * code cannot be rated comes from the catalog, and WeChat's font setting is clamped to what the layout holds.
 */
import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { currentLang, fill, setLang, translator } from '@/src/i18n'
import { clampScale } from '@/src/i18n/font-scale'
import { RateView, blockedKey } from '@/src/pages/rate/RateView'
import { messages, tagNamesBo } from '@/src/pages/rate/messages'
import { emptyRateForm, emptyReportForm } from '@/src/pages/rate/form'
import { tagsByLevel } from '@/types/rules/service'
import { landing, loaded } from './fixtures'

const noop = () => {}
const visit = landing()
const tibetan = /[\u0F00-\u0FFF]/

describe('resident message catalog', () => {
  afterEach(() => act(() => setLang('zh')))

  it('has every key in Chinese and Tibetan, and every tag in Tibetan', () => {
    const keys = Object.keys(messages.zh) as (keyof typeof messages.zh)[]
    for (const k of keys) expect([k, tibetan.test(messages.bo[k] ?? '') || k === 'serverSaid']).toEqual([k, true])
    for (const tag of new Set(Object.values(tagsByLevel).flat())) expect(tibetan.test(tagNamesBo[tag] ?? '')).toBe(true)
    expect(fill('请在 {date} 前评价。', { date: '3月12日' })).toBe('请在 3月12日 前评价。')
    expect(translator(messages, 'bo')('rateBefore', { date: '2026-03-12' })).toBe('2026-03-12 སྔོན་ལ་དཔྱད་བརྗོད་གནང་རོགས།')
  })

  it('switches the rating page to བོད་ཡིག, remembers it, and shows the levels as faces with their words', () => {
    render(
      <RateView
        landing={loaded(visit)}
        onRetry={noop}
        step={{ kind: 'rate', target: { about: 'service' } }}
        onStep={noop}
        rate={emptyRateForm()}
        onLevel={noop}
        onTag={noop}
        onRate={noop}
        report={emptyReportForm()}
        onReport={noop}
        onSubmit={noop}
        submitting={false}
        error={null}
        fontScale={1.4}
      />
    )
    expect(screen.getByTestId('level-verySatisfied').textContent).toBe('非常满意')
    act(() => {
      fireEvent.click(screen.getByTestId('lang-bo'))
    })
    expect(screen.getByTestId('rate-page').getAttribute('data-lang')).toBe('bo')
    expect(screen.getByTestId('level-verySatisfied').textContent).toBe('ཧ་ཅང་ཡིད་ཚིམ།')
    expect(screen.getByTestId('submit-rating').textContent).toBe('དཔྱད་བརྗོད་འབུལ།')
    expect(document.querySelectorAll('.rate-face')).toHaveLength(5)
    // Remembered on the phone: the next page (or the next visit) starts in Tibetan.
    expect(currentLang()).toBe('bo')
    expect((screen.getByTestId('rate-page') as HTMLElement).style.getPropertyValue('--jdq-fs')).toBe('1.4')
  })

  it('says why a code cannot be rated, from the landing, in the catalog', () => {
    const now = new Date('2026-03-06T00:00:00Z')
    expect(blockedKey({ ...visit, kind: 'point' }, now)).toBe('blocked.plate')
    expect(blockedKey({ ...visit, kind: 'demand', date: null }, now)).toBe('blocked.inProgress')
    expect(blockedKey({ ...visit, myRating: { level: 'satisfied', canFollowUp: true } }, now)).toBe('blocked.rated')
    expect(blockedKey(visit, new Date('2026-03-13T00:00:00Z'))).toBe('blocked.closed')
    expect(blockedKey(visit, now)).toBe('blocked.own')
  })

  it('follows WeChat’s font setting between 1 and 1.6', () => {
    expect([clampScale(1.4), clampScale(0.9), clampScale(2.2), clampScale(NaN), clampScale(undefined)]).toEqual([1.4, 1, 1.6, 1, 1])
  })
})
