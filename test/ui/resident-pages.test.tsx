/**
 * The resident's other pages in their language and text size: the home page (greeting, what a scan lets them do,
 * reminders, 加入单位, 投诉建议) and 投诉建议 itself read every word from their catalogs in Chinese and Tibetan,
 * follow the remembered language switch, size their text by WeChat's font setting (关怀模式), and put the
 * server's Chinese sentences under a lead in the reader's language. Shared blocks (loading, errors, paging) too.
 */
import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { currentLang, setLang, translator } from '@/src/i18n'
import { common } from '@/src/i18n/common'
import { messages as homeMessages } from '@/src/pages/index/messages'
import { messages as feedbackMessages } from '@/src/account/pages/feedback/messages'
import { messages as rateMessages } from '@/src/pages/rate/messages'
import { HomeView } from '@/src/pages/index/HomeView'
import { ResidentHome } from '@/src/pages/index/ResidentHome'
import { FeedbackView, emptyFeedbackForm, formProblems, type FeedbackViewProps } from '@/src/account/pages/feedback/FeedbackView'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { CloudError } from '@/src/services/reply'
import { paged, resident } from './fixtures'

const noop = () => {}
const tibetan = /[\u0F00-\u0FFF]/
const han = /[\u4e00-\u9fff]/

describe('resident pages in Chinese and Tibetan, sized by WeChat’s font setting', () => {
  afterEach(() => act(() => setLang('zh')))

  it('has every key of every resident catalog in Tibetan', () => {
    for (const [name, catalog] of Object.entries({ common, home: homeMessages, feedback: feedbackMessages, rate: rateMessages })) {
      const zh = catalog.zh as Record<string, string>
      const bo = catalog.bo as Record<string, string | undefined>
      // A message that is only the server's words ('{message}') or a date pattern needs no Tibetan letters.
      for (const k of Object.keys(zh)) expect([name, k, tibetan.test(bo[k] ?? '') || /^[{}\w\s:-]+$/.test(bo[k] ?? zh[k])]).toEqual([name, k, true])
      for (const k of Object.keys(bo)) expect([name, k, k in zh]).toEqual([name, k, true])
    }
  })

  it('the resident’s home: a greeting and the guide, switched to བོད་ཡིག and remembered, sized by the font setting', () => {
    const [feedback, join, reminders] = [jest.fn(), jest.fn(), jest.fn()]
    render(
      <ResidentHome refreshError={null} reminders={{ unread: 0, onOpen: reminders }} account={{ onOpenFeedback: feedback, onOpenJoin: join }} fontScale={1.4} />
    )
    expect(screen.getByTestId('profile').textContent).toContain('您好')
    expect(screen.getByTestId('resident-guide').textContent).toContain('也可以录一段语音')
    act(() => {
      fireEvent.click(screen.getByTestId('lang-bo'))
    })
    const home = screen.getByTestId('home')
    expect(home.getAttribute('data-lang')).toBe('bo')
    expect(home.className).toContain('jdq-bo')
    expect(home.className).toContain('jdq-care')
    expect(home.style.getPropertyValue('--jdq-fs')).toBe('1.4')
    for (const id of ['profile', 'resident-guide', 'open-reminders', 'open-join', 'open-feedback']) {
      const text = screen.getByTestId(id).textContent ?? ''
      expect([id, tibetan.test(text), han.test(text)]).toEqual([id, true, false])
    }
    expect(currentLang()).toBe('bo')
    fireEvent.click(screen.getByTestId('open-join'))
    fireEvent.click(screen.getByTestId('open-feedback'))
    fireEvent.click(screen.getByTestId('open-reminders'))
    expect([join, feedback, reminders].map((f) => f.mock.calls.length)).toEqual([1, 1, 1])
  })

  it('the home page: a resident gets their page in their language, before and after who they are is known', () => {
    act(() => setLang('bo'))
    const { rerender } = render(<HomeView me={{ loading: true, error: null, data: undefined }} onRetry={noop} onOpenManager={noop} />)
    expect(screen.getByTestId('loading').textContent).toBe(translator(common, 'bo')('loading'))
    rerender(<HomeView me={{ loading: false, error: new CloudError('UNAVAILABLE', '网络不太好'), data: undefined }} onRetry={noop} onOpenManager={noop} />)
    expect(screen.getByTestId('error-title').textContent).toBe(translator(common, 'bo')('loadFailed'))
    expect(screen.getByTestId('retry').textContent).toBe(translator(common, 'bo')('retry'))
    rerender(<HomeView me={{ loading: false, error: new CloudError('UNAVAILABLE', '网络不太好'), data: resident }} onRetry={noop} onOpenManager={noop} />)
    expect(screen.getByTestId('refresh-error').textContent).toBe(translator(homeMessages, 'bo')('refreshFailed', { message: '网络不太好' }))
    expect(screen.getByTestId('home').getAttribute('data-lang')).toBe('bo')
    expect(screen.queryByTestId('cadre-workspace')).toBeNull()
  })

  it('投诉建议 in བོད་ཡིག: the form, its checks, the server’s refusal under a Tibetan lead, my submissions', () => {
    act(() => setLang('bo'))
    const mine = {
      id: 'fb-1',
      kind: 'complaint' as const,
      to: 'all' as const,
      text: '村口的路灯坏了',
      contact: null,
      from: '群众',
      createdAt: '2026-11-28T02:00:00.000Z',
      answer: { text: '已修好', byName: '李主任', system: 'women' as const, at: '2026-11-29T02:00:00.000Z' }
    }
    const base: FeedbackViewProps = {
      chooseTo: true,
      form: emptyFeedbackForm,
      onForm: noop,
      problems: formProblems(emptyFeedbackForm),
      sending: false,
      onSend: noop,
      sendError: '每天最多提交 5 条，请明天再来',
      mine: paged({ items: [mine], hasMore: true }),
      onRetryMine: noop,
      onMoreMine: noop,
      fontScale: 1.3
    }
    render(<FeedbackView {...base} />)
    const page = screen.getByTestId('feedback')
    expect(page.getAttribute('data-lang')).toBe('bo')
    expect(page.style.getPropertyValue('--jdq-fs')).toBe('1.3')
    expect(page.textContent).toContain(feedbackMessages.bo['error.kind']!)
    expect(page.textContent).toContain(feedbackMessages.bo['error.text']!)
    expect(screen.getByTestId('fb-kind-complaint').textContent).toBe('སྐྱོན་བརྗོད།')
    expect(screen.getByTestId('fb-to-women').textContent).toBe('བུད་མེད་མཐུན་ཚོགས།')
    expect(screen.getByTestId('fb-error').textContent).toBe('འབུལ་མ་ཐུབ། (每天最多提交 5 条，请明天再来)')
    expect(screen.getByTestId('fb-send').textContent).toBe('འབུལ།')
    const item = screen.getByTestId('fb-item').textContent ?? ''
    expect([item.includes('ལན་བཏབ་ཟིན།'), item.includes('ལན། 已修好'), item.includes('2026-11-28 10:00')]).toEqual([true, true, true])
    expect(screen.getByTestId('load-more').textContent).toBe(common.bo.loadMore)
  })

  it('shared blocks in the reader’s words: a list’s loading, failure and end', () => {
    const bo = translator(common, 'bo')
    const { rerender } = render(<>{listState(paged({ loaded: false, loading: true }), noop, null, bo)}</>)
    expect(screen.getByTestId('loading').textContent).toBe(common.bo.loading)
    rerender(<>{listState(paged({ loaded: false, error: new CloudError('UNAVAILABLE', '网络不太好') }), noop, null, bo)}</>)
    expect(screen.getByTestId('error-title').textContent).toBe(common.bo.loadFailed)
    rerender(<ListFooter list={paged({ items: [1], moreError: new CloudError('UNAVAILABLE', '网络不太好') })} onMore={noop} t={bo} />)
    expect(screen.getByTestId('more-error').textContent).toBe(bo('moreFailed', { message: '网络不太好' }))
    rerender(<ListFooter list={paged({ items: [1] })} onMore={noop} />)
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })
})
