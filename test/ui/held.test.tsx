import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { HeldRating } from '@/types/service'
import { HeldView, byEvent, type HeldViewProps } from '@/src/manager/pages/held/HeldView'
import { CloudError } from '@/src/services/reply'
import { paged } from './fixtures'

const held = (over: Partial<HeldRating> = {}): HeldRating => ({
  id: 'r1',
  cadreName: '马文明',
  targetKind: 'visit',
  targetId: 'v1',
  level: 'verySatisfied',
  tags: ['服务态度好'],
  comment: '讲得清楚',
  followUp: null,
  at: '2026-03-05T02:00:00.000Z',
  date: '2026-03-05',
  flagged: false,
  state: 'held',
  hold: { reasons: ['ipBurst', 'overCap'], basis: '记录 30 人参加' },
  review: null,
  voided: null,
  appeal: null,
  event: { kind: 'visit', id: 'v1', label: '2026-03-05 东关大街社区 · 座谈会 · 记录 30 人' },
  eventCounts: { counted: 10, held: 2 },
  ...over
})
const items = [
  held(),
  held({ id: 'r2', level: 'dissatisfied', tags: ['问题没解决'], comment: null }),
  held({
    id: 'r3',
    targetId: 'v2',
    event: { kind: 'visit', id: 'v2', label: '2026-03-06 李家村 · 上门走访 · 记录 2 人' },
    hold: { reasons: ['repeatRater'], basis: '记录见到 2 人（至多 4 人评价）' },
    eventCounts: { counted: 3, held: 1 }
  })
]
const base: HeldViewProps = {
  list: paged({ items }),
  onRetry: () => {},
  onMore: () => {},
  note: '',
  onNote: () => {},
  busy: null,
  error: null,
  onReview: () => {}
}

describe('待审核的评价 (managers)', () => {
  it('groups held ratings by event with its recorded size, counts and reasons, never who rated', () => {
    render(<HeldView {...base} />)
    const events = screen.getAllByTestId('held-event')
    expect(events).toHaveLength(2)
    expect(events[0].textContent).toContain('座谈会 · 记录 30 人')
    expect(screen.getAllByTestId('held-event-counts')[0].textContent).toContain('已计入 10 条，待审核 2 条')
    expect(events[0].textContent).toContain('合理人数：记录 30 人参加')
    expect(screen.getAllByTestId('held-reasons')[0].textContent).toContain('短时间内同一网络大量评价；超过这次活动合理的评价人数')
    expect(screen.getAllByTestId('held-reasons')[2].textContent).toContain('同一人本月多次评价同一干部')
    // an event with several held ratings can be taken in one tap; a single one has its own buttons only
    expect(screen.getAllByTestId('accept-event')).toHaveLength(1)
    expect(screen.getAllByTestId('accept-one')).toHaveLength(3)
  })

  it('sends one rating or a whole event, accept or reject; shows the note, the error and what is busy', async () => {
    const review = jest.fn()
    const onNote = jest.fn()
    const { rerender } = render(<HeldView {...base} onReview={review} onNote={onNote} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('accept-event'))
      fireEvent.click(screen.getAllByTestId('reject-one')[2])
    })
    expect(review.mock.calls).toEqual([
      [['r1', 'r2'], 'accept'],
      [['r3'], 'reject']
    ])
    // The Taro textarea reports what was typed as the event's detail (as the other page tests type).
    act(() => {
      screen.getByTestId('held-note').dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value: '现场核实过' } }))
    })
    expect(onNote).toHaveBeenCalledWith('现场核实过')
    rerender(<HeldView {...base} busy={['r1', 'r2']} error='网络不太好，请再试一次' />)
    expect(screen.getByTestId('held-error').textContent).toContain('网络不太好')
  })

  it('keeps the order the list came in when grouping', () => {
    expect(byEvent(items).map((g) => [g.key, g.items.map((r) => r.id)])).toEqual([
      ['visit:v1', ['r1', 'r2']],
      ['visit:v2', ['r3']]
    ])
  })

  it('loading, error and empty states', () => {
    const { rerender } = render(<HeldView {...base} list={paged({ items: [], loading: true, loaded: false })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<HeldView {...base} list={paged({ items: [], loaded: false, error: new CloudError('UNAVAILABLE', '网络不太好') })} />)
    expect(screen.getByTestId('error')).toBeTruthy()
    rerender(<HeldView {...base} list={paged({ items: [] })} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有待审核的评价')
  })
})
