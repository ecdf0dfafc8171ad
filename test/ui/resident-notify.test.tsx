import './quiet-stencil'
import { fireEvent, render, screen } from '@testing-library/react'
import type { Landing } from '@/types/service'
import { RateView, type RateStep } from '@/src/pages/rate/RateView'
import { emptyRateForm, emptyReportForm } from '@/src/pages/rate/form'
import { loaded } from './fixtures'

const noop = () => {}
const landing: Landing = {
  scene: 'pAbcdefghjk',
  kind: 'point',
  cadreName: '马文明',
  orgName: '城东区总工会',
  date: null,
  pointName: '东关大街社区',
  canRate: false,
  rateBlocked: '这是联系点的二维码',
  windowEndsAt: null,
  myRating: null,
  fix: null,
  myDemands: [],
  canReport: true
}

const view = (step: RateStep, onNotify = noop) => (
  <RateView
    landing={loaded(landing)}
    onRetry={noop}
    step={step}
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
    onNotify={onNotify}
  />
)

describe('resident: 有结果时用微信通知我 (reminders consent after a tap)', () => {
  it('offers the consent only after reporting a problem or a 差评, and says so once given', () => {
    const onNotify = jest.fn()
    const { rerender } = render(view({ kind: 'thanks', message: '谢谢您的评价！' }, onNotify))
    expect(screen.queryByTestId('notify-me')).toBeNull()

    rerender(view({ kind: 'thanks', message: '问题已收到', notify: 'ask' }, onNotify))
    fireEvent.click(screen.getByTestId('notify-me'))
    expect(onNotify).toHaveBeenCalledTimes(1)

    rerender(view({ kind: 'thanks', message: '问题已收到', notify: 'on' }, onNotify))
    expect(screen.queryByTestId('notify-me')).toBeNull()
    expect(screen.getByTestId('notify-on').textContent).toContain('有结果时会用微信通知您')
  })
})
