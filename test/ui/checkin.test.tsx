import './quiet-stencil'
import { useReducer, type Dispatch } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { CheckInInput, CheckInResult } from '@/types/visits'
import { CheckInView, type CheckInViewProps } from '@/src/pages/checkin/CheckInView'
import { checkInReducer, initialCheckIn, rankPoints, submitBlocker, type CheckInEvent, type CheckInState } from '@/src/pages/checkin/flow'
import { CloudError } from '@/src/services/reply'
import { fixInside, fixOutside, points, result } from './cadre-fixtures'

const run = (events: CheckInEvent[], from: CheckInState = initialCheckIn) => events.reduce(checkInReducer, from)

const noop = () => {}
const handlers: Omit<CheckInViewProps, 'state'> = {
  showMap: false,
  canOpenSetting: true,
  onSelect: noop,
  onNote: noop,
  onReason: noop,
  onSubmit: noop,
  onRelocate: noop,
  onOpenSetting: noop,
  onRetryLoad: noop,
  onHome: noop,
  onWriteRecord: noop
}

const text = () => document.body.textContent ?? ''

describe('打卡: the state machine', () => {
  it('ranks points nearest first, with the distance and the fence by the server’s rule', () => {
    const ranked = rankPoints(points, fixInside)
    expect(ranked.map((r) => r.point.id)).toEqual(['lp-village', 'lp-school'])
    expect(Math.round(ranked[0].distanceM)).toBe(60)
    expect(ranked[0].inside).toBe(true)
    expect(ranked[1].inside).toBe(false)
  })

  it('preselects the nearest point only when the cadre is inside its fence', () => {
    const inside = run([
      { type: 'pointsLoaded', points },
      { type: 'located', fix: fixInside }
    ])
    expect(inside.phase).toEqual({ kind: 'ready' })
    expect(inside.selectedId).toBe('lp-village')
    expect(inside.needReason).toBe(false)
    expect(submitBlocker(inside)).toBeNull()

    // the order of arrival does not matter
    const outside = run([
      { type: 'located', fix: fixOutside },
      { type: 'pointsLoaded', points }
    ])
    expect(outside.phase).toEqual({ kind: 'ready' })
    expect(outside.selectedId).toBeNull()
    expect(submitBlocker(outside)).toBe('请先选择您所在的联系点')
  })

  it('outside → the server asks for a 外勤说明 → the field appears and must be filled → resubmit', () => {
    // The phone thought it was inside (e.g. its estimate was off); the server says otherwise.
    let s = run([{ type: 'pointsLoaded', points }, { type: 'located', fix: fixInside }, { type: 'submit' }])
    expect(s.phase).toEqual({ kind: 'submitting' })
    s = checkInReducer(s, { type: 'refused', code: 'BAD_REQUEST', message: '您不在联系点附近（相距 2.0 公里），如确在外开展工作，请填写外勤说明' })
    expect(s.phase).toEqual({ kind: 'ready' })
    expect(s.needReason).toBe(true)
    expect(s.error).toContain('外勤说明')
    expect(submitBlocker(s)).toBe('不在联系点附近，请先填写外勤说明')
    s = checkInReducer(s, { type: 'reason', text: '到村民家中走访' })
    expect(submitBlocker(s)).toBeNull()
    s = run(
      [
        { type: 'submit' },
        { type: 'succeeded', result: result({ visit: { ...result().visit, status: 'pending', inside: false }, dayAdded: false, days: 12 }) }
      ],
      s
    )
    expect(s.phase.kind).toBe('done')
  })

  it('choosing a far point by hand asks for the reason before sending', () => {
    const s = run([
      { type: 'pointsLoaded', points },
      { type: 'located', fix: fixOutside },
      { type: 'select', pointId: 'lp-village' }
    ])
    expect(s.needReason).toBe(true)
    expect(submitBlocker(s)).toBe('不在联系点附近，请先填写外勤说明')
  })

  it('poor accuracy from the server: its words and a new fix before the next try; other refusals do not ask for a reason', () => {
    const s = run([
      { type: 'pointsLoaded', points },
      { type: 'located', fix: fixInside },
      { type: 'submit' },
      { type: 'refused', code: 'BAD_REQUEST', message: '这次定位误差太大（约 350 米），请到室外开阔的地方重新定位后再打卡' }
    ])
    expect(s.needReason).toBe(false)
    expect(s.relocateHint).toBe(true)
    expect(s.error).toContain('误差太大')
    const limit = checkInReducer(s, {
      type: 'refused',
      code: 'BAD_REQUEST',
      message: '您不在联系点附近（相距 2.0 公里），本月的 4 次外勤已经用完，请到联系点后再打卡'
    })
    expect(limit.needReason).toBe(false)
  })
})

describe('打卡: the view', () => {
  it('loading, then points with distances nearest first and the selected one marked', () => {
    const { rerender } = render(<CheckInView {...handlers} state={initialCheckIn} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(
      <CheckInView
        {...handlers}
        state={run([
          { type: 'pointsLoaded', points },
          { type: 'located', fix: fixInside }
        ])}
      />
    )
    const rows = screen.getAllByTestId('checkin-point')
    expect(rows[0].textContent).toContain('东关大街社区')
    expect(rows[0].textContent).toContain('相距 60 米')
    expect(rows[0].textContent).toContain('在范围内')
    expect(rows[0].getAttribute('data-selected')).toBe('true')
    expect(rows[1].textContent).toContain('1.6 公里')
    expect(rows[1].getAttribute('data-selected')).toBe('false')
    expect(screen.queryByTestId('reason')).toBeNull()
  })

  it('no liaison points: says who assigns them', () => {
    render(
      <CheckInView
        {...handlers}
        state={run([
          { type: 'pointsLoaded', points: [] },
          { type: 'located', fix: fixInside }
        ])}
      />
    )
    expect(screen.getByTestId('empty').textContent).toContain('管理员')
  })

  it('permission denied: how to enable it, with a button to the settings', async () => {
    const open = jest.fn()
    render(<CheckInView {...handlers} onOpenSetting={open} state={run([{ type: 'locateFailed', reason: 'denied', message: '没有得到位置权限' }])} />)
    expect(screen.getByTestId('locate-failed').textContent).toContain('没有得到位置权限')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-setting'))
    })
    expect(open).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('relocate')).toBeTruthy()
  })

  it('success: the server’s message and whether a day was added', () => {
    const done = run([{ type: 'pointsLoaded', points }, { type: 'located', fix: fixInside }, { type: 'submit' }, { type: 'succeeded', result: result() }])
    const { unmount } = render(<CheckInView {...handlers} state={done} />)
    expect(screen.getByTestId('checkin-message').textContent).toBe('打卡成功，已计入今天的下基层天数')
    expect(screen.getByTestId('checkin-days').textContent).toBe('新增 1 天，今年已下基层 13 天')
    unmount()
    const again = run([{ type: 'submit' }, { type: 'succeeded', result: result({ dayAdded: false, days: 13 }) }], done)
    render(<CheckInView {...handlers} state={again} />)
    expect(screen.getByTestId('checkin-days').textContent).toContain('今天已经算过了')
  })

  it('no signal: saved on the phone with the org’s window, and the record can be written at once', () => {
    const write = jest.fn()
    render(<CheckInView {...handlers} onWriteRecord={write} state={run([{ type: 'queued', visitId: 'u-1_sub-aaaaaaaa', hours: 168 }])} />)
    expect(text()).toContain('已保存在手机上，有信号时会自动上传')
    expect(text()).toContain('168 小时内上传都有效')
    fireEvent.click(screen.getByTestId('write-record'))
    expect(write).toHaveBeenCalledWith('u-1_sub-aaaaaaaa')
  })
})

/** The page's submit logic with the network replaced: the outside → reason → resubmit flow end to end in jsdom. */
function Harness({ send, expose }: { send: (body: CheckInInput) => Promise<CheckInResult>; expose: (d: Dispatch<CheckInEvent>) => void }) {
  const [state, dispatch] = useReducer(checkInReducer, initialCheckIn)
  expose(dispatch)
  const submit = async () => {
    dispatch({ type: 'submit' })
    try {
      const body: CheckInInput = {
        submissionId: `sub-${Math.random().toString(16).slice(2, 12)}`,
        pointId: state.selectedId!,
        fix: state.fix!,
        deviceNow: new Date().toISOString(),
        offline: false,
        ...(state.needReason && state.reason.trim() ? { reason: state.reason.trim() } : {})
      }
      dispatch({ type: 'succeeded', result: await send(body) })
    } catch (err) {
      const e = err as CloudError
      dispatch({ type: 'refused', code: e.code, message: e.message })
    }
  }
  return <CheckInView {...handlers} state={state} onSubmit={() => void submit()} onReason={(t) => dispatch({ type: 'reason', text: t })} />
}

describe('打卡: outside → 外勤说明 → resubmit, with a new submission id', () => {
  it('walks through the flow', async () => {
    const sent: CheckInInput[] = []
    const send = jest.fn(async (body: CheckInInput) => {
      sent.push(body)
      if (!body.reason) throw new CloudError('BAD_REQUEST', '您不在联系点附近（相距 2.0 公里），如确在外开展工作，请填写外勤说明')
      return result({
        visit: { ...result().visit, status: 'pending', inside: false, reason: body.reason },
        dayAdded: false,
        days: 12,
        message: '已提交外勤，管理员审核通过后计入下基层天数'
      })
    })
    let dispatch: Dispatch<CheckInEvent> = () => {}
    render(<Harness send={send} expose={(d) => (dispatch = d)} />)
    // The position is 60 m off by the phone's estimate, but the server measures it 2 km away.
    await act(async () => {
      dispatch({ type: 'pointsLoaded', points })
      dispatch({ type: 'located', fix: fixInside })
    })
    expect(screen.queryByTestId('reason')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-checkin'))
    })
    expect(screen.getByTestId('checkin-error').textContent).toContain('请填写外勤说明')
    expect(screen.getByTestId('reason')).toBeTruthy()
    expect(screen.getByTestId('blocker').textContent).toBe('不在联系点附近，请先填写外勤说明')
    // Pressing again without a reason sends nothing.
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-checkin'))
    })
    expect(send).toHaveBeenCalledTimes(1)
    await act(async () => {
      dispatch({ type: 'reason', text: '在村委会开座谈会' })
    })
    expect(screen.queryByTestId('blocker')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-checkin'))
    })
    expect(send).toHaveBeenCalledTimes(2)
    expect(sent[1].reason).toBe('在村委会开座谈会')
    expect(sent[1].submissionId).not.toBe(sent[0].submissionId)
    expect(screen.getByTestId('checkin-done').textContent).toContain('已提交外勤，等待审核')
    expect(screen.getByTestId('checkin-message').textContent).toContain('管理员审核通过后')
  })
})
