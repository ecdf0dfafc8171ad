import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { ReviewView, decisionProblem, type ReviewViewProps } from '@/src/manager/pages/review/ReviewView'
import { CloudError } from '@/src/services/reply'
import { paged } from './fixtures'
import { visit } from './cadre-fixtures'

const pending = visit({ id: 'v-9', status: 'pending', inside: false, distanceM: 2300, reason: '到村民家中走访', flags: ['speed'], offline: true })

const base: ReviewViewProps = {
  list: paged({ items: [pending] }),
  onRetry: () => {},
  onMore: () => {},
  notes: {},
  onNote: () => {},
  busyId: null,
  errors: {},
  onDecide: () => {}
}

describe('外勤审核 (managers)', () => {
  it('shows who, where, how far, the reason and flags; approve and reject reach the page', async () => {
    const decide = jest.fn()
    render(<ReviewView {...base} onDecide={decide} errors={{ 'v-9': '不通过时请写明原因，干部会看到' }} />)
    const card = screen.getByTestId('pending').textContent ?? ''
    expect(card).toContain('马晓燕')
    expect(card).toContain('离联系点 2.3 公里')
    expect(card).toContain('外勤说明：到村民家中走访')
    expect(card).toContain('离线补传')
    expect(card).toContain('折合时速超过 300 公里')
    expect(screen.getByTestId('review-error').textContent).toContain('写明原因')
    await act(async () => {
      fireEvent.click(screen.getByTestId('approve-v-9'))
      fireEvent.click(screen.getByTestId('reject-v-9'))
    })
    expect(decide.mock.calls).toEqual([
      ['v-9', 'approve'],
      ['v-9', 'reject']
    ])
  })

  it('reject needs a note', () => {
    expect(decisionProblem('reject', '  ')).toBe('不通过时请写明原因，干部会看到')
    expect(decisionProblem('reject', '说明不清楚')).toBeNull()
    expect(decisionProblem('approve', '')).toBeNull()
  })

  it('loading, error and empty states', () => {
    const { rerender } = render(<ReviewView {...base} list={paged({ loaded: false, loading: true })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<ReviewView {...base} list={paged({ loaded: false, error: new CloudError('FORBIDDEN', '您没有权限做这件事') })} />)
    expect(screen.getByTestId('error').textContent).toContain('没有权限')
    rerender(<ReviewView {...base} list={paged()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有待审核的外勤')
  })
})
