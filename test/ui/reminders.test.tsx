import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { ReminderItem, ReminderOverview } from '@/types/reminders'
import type { PagedState } from '@/src/hooks/usePaged'
import { RemindersView, type RemindersViewProps } from '@/src/reminders/pages/index/RemindersView'
import { HomeView } from '@/src/pages/index/HomeView'
import { CloudError } from '@/src/services/reply'
import { cadre as me } from './fixtures'

function paged<T>(over: Partial<PagedState<T>> = {}): PagedState<T> {
  return { items: [], loading: false, loadingMore: false, error: null, moreError: null, hasMore: false, loaded: true, ...over }
}
const netError = new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试')
const noop = () => {}

const item = (over: Partial<ReminderItem> = {}): ReminderItem => ({
  id: 'pace:o1:2026:2026-W10',
  kind: 'pace',
  title: '下基层进度落后了',
  body: '今年已下基层 3 天，按进度今天应有 40 天（全年目标 90 天）。',
  page: 'pages/index/index',
  createdAt: '2026-03-02T02:00:00.000Z',
  read: false,
  push: 'noQuota',
  ...over
})

const overview = (over: Partial<ReminderOverview> = {}): ReminderOverview => ({
  kinds: [{ kind: 'pace', label: '下基层进度', description: '今年下基层天数落后于进度时（每周最多一次）', on: true, available: true, template: 'progress' }],
  templates: [{ key: 'progress', id: 'local-tmpl-progress', title: '工作进度提醒', quota: 0, longTerm: false }],
  ask: ['local-tmpl-progress'],
  unread: 1,
  ...over
})

const base = (over: Partial<RemindersViewProps> = {}): RemindersViewProps => ({
  list: paged<ReminderItem>(),
  overview: { loading: false, error: null, data: overview() },
  subscribing: false,
  onRetry: noop,
  onMore: noop,
  onOpen: noop,
  onMarkAllRead: noop,
  onSubscribe: noop,
  onToggle: noop,
  ...over
})

describe('reminder center', () => {
  it('loading, error with 重试, empty', () => {
    const { rerender } = render(<RemindersView {...base({ list: paged<ReminderItem>({ loaded: false, loading: true }) })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<RemindersView {...base({ list: paged<ReminderItem>({ loaded: false, error: netError }) })} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
    expect(screen.getByTestId('retry')).toBeTruthy()
    rerender(<RemindersView {...base()} />)
    expect(screen.getByTestId('empty').textContent).toContain('暂时没有提醒')
  })

  it('shows unread items with how they were delivered, and opens them', async () => {
    const open = jest.fn()
    const markAll = jest.fn()
    const items = [item(), item({ id: 'b', read: true, push: 'sent', title: '2月下基层小结', page: 'manager/pages/index/index' })]
    render(<RemindersView {...base({ list: paged({ items }), onOpen: open, onMarkAllRead: markAll })} />)
    const rows = screen.getAllByTestId('reminder')
    expect(rows[0].querySelector('[data-testid="unread"]')).toBeTruthy()
    expect(rows[1].querySelector('[data-testid="unread"]')).toBeNull()
    expect(rows[0].textContent).toContain('仅在这里提醒（未订阅微信消息）')
    expect(rows[1].textContent).toContain('已推送到微信')
    expect(rows[0].textContent).toContain('3月2日 10:00') // Beijing time
    await act(async () => {
      fireEvent.click(rows[1])
      fireEvent.click(screen.getByTestId('mark-all-read'))
    })
    expect(open).toHaveBeenCalledWith(items[1])
    expect(markAll).toHaveBeenCalled()
  })

  it('says honestly whether WeChat messages will come, and offers to subscribe', async () => {
    const subscribe = jest.fn()
    const { rerender } = render(<RemindersView {...base({ onSubscribe: subscribe })} />)
    expect(screen.getByTestId('quota').textContent).toContain('现在不会给您发微信提醒')
    await act(async () => fireEvent.click(screen.getByTestId('subscribe')))
    expect(subscribe).toHaveBeenCalled()
    rerender(
      <RemindersView
        {...base({
          overview: { loading: false, error: null, data: overview({ templates: [{ key: 'progress', id: 'x', title: 't', quota: 2, longTerm: false }] }) }
        })}
      />
    )
    expect(screen.getByTestId('quota').textContent).toContain('还可以给您发 2 条')
  })
})

describe('home entry', () => {
  it('shows the unread badge and opens the center', async () => {
    const open = jest.fn()
    const { rerender } = render(
      <HomeView me={{ loading: false, error: null, data: me }} onRetry={noop} onOpenManager={noop} reminders={{ unread: 3, onOpen: open }} />
    )
    expect(screen.getByTestId('reminders-badge').textContent).toBe('3')
    await act(async () => fireEvent.click(screen.getByTestId('open-reminders')))
    expect(open).toHaveBeenCalled()
    rerender(<HomeView me={{ loading: false, error: null, data: me }} onRetry={noop} onOpenManager={noop} reminders={{ unread: 0, onOpen: open }} />)
    expect(screen.queryByTestId('reminders-badge')).toBeNull()
  })
})
