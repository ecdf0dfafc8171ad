import { act, fireEvent, render, screen } from '@testing-library/react'
import { HomeView, paceText, type CadreHomeProps, type HomeEntry } from '@/src/pages/index/HomeView'
import { emptyOutbox, type OutboxState } from '@/src/services/outbox'
import { CloudError } from '@/src/services/reply'
import { cadre, manager } from './fixtures'
import { idle, progress } from './cadre-fixtures'

function props(over: Partial<CadreHomeProps> = {}): CadreHomeProps {
  return {
    progress: { ...idle, data: progress },
    onRetryProgress: () => {},
    queue: emptyOutbox(),
    uploading: false,
    onUpload: () => {},
    onOpen: () => {},
    ...over
  }
}

const body = {
  submissionId: 'sub-aaaaaaaa',
  pointId: 'lp-1',
  fix: { lat: 36.6, lng: 101.8, accuracy: 20, capturedAt: '2026-03-05T01:00:00.000Z' },
  deviceNow: '2026-03-05T01:00:00.000Z',
  offline: false
}

describe('home: the cadre’s workspace', () => {
  it('shows days / 90, the pace expected by today and this month’s visits', () => {
    render(<HomeView me={{ ...idle, data: cadre }} onRetry={() => {}} onOpenManager={() => {}} cadre={props()} />)
    expect(screen.getByTestId('progress-days').textContent).toBe('12')
    expect(screen.getByTestId('progress').textContent).toContain('/ 90 天')
    expect(screen.getByTestId('progress-expected').textContent).toBe('按进度今天应达 20 天')
    expect(screen.getByTestId('progress-pace').textContent).toBe('比进度少 8 天')
    expect(screen.getByTestId('progress-month').textContent).toBe('本月走访 5 次，4 天')
    expect(screen.getByTestId('progress').textContent).toContain('本月外勤 1/4 次，1 次待审核')
    expect(screen.getByText('✓ 两联已落实')).toBeTruthy()
    expect(screen.queryByTestId('queue')).toBeNull()
  })

  it('pace: behind, on track, and the target reached (never “more is better”)', () => {
    expect(paceText({ days: 12, expectedByToday: 20, reached: false, target: 90 })).toBe('比进度少 8 天')
    expect(paceText({ days: 20, expectedByToday: 20, reached: false, target: 90 })).toBe('进度正常')
    expect(paceText({ days: 120, expectedByToday: 60, reached: true, target: 90 })).toBe('已完成全年 90 天的目标')
  })

  it('progress loading and error states, with 重试', async () => {
    const { rerender } = render(
      <HomeView
        me={{ ...idle, data: cadre }}
        onRetry={() => {}}
        onOpenManager={() => {}}
        cadre={props({ progress: { loading: true, error: null, data: undefined } })}
      />
    )
    expect(screen.getByTestId('progress-loading')).toBeTruthy()
    const retry = jest.fn()
    rerender(
      <HomeView
        me={{ ...idle, data: cadre }}
        onRetry={() => {}}
        onOpenManager={() => {}}
        cadre={props({ progress: { loading: false, error: new CloudError('UNAVAILABLE', '网络不太好'), data: undefined }, onRetryProgress: retry })}
      />
    )
    expect(screen.getByTestId('progress-error').textContent).toContain('网络不太好')
    await act(async () => {
      fireEvent.click(screen.getByTestId('progress-retry'))
    })
    expect(retry).toHaveBeenCalledTimes(1)
    // The rest of the workspace is still usable.
    expect(screen.getByTestId('open-checkin')).toBeTruthy()
  })

  it('the big 走访打卡 button and the entries lead where they say', async () => {
    const opened: HomeEntry[] = []
    render(<HomeView me={{ ...idle, data: cadre }} onRetry={() => {}} onOpenManager={() => {}} cadre={props({ onOpen: (e) => opened.push(e) })} />)
    for (const id of ['open-checkin', 'open-visits', 'open-households', 'open-lianglian', 'open-calendar']) {
      await act(async () => {
        fireEvent.click(screen.getByTestId(id))
      })
    }
    expect(opened).toEqual(['checkin', 'visits', 'households', 'lianglian', 'calendar'])
  })

  it('“N 条待上传” with 立即上传 and a way to the list; a 退回 shown with the server’s words', async () => {
    const upload = jest.fn()
    const opened: HomeEntry[] = []
    const queue: OutboxState = {
      pending: [
        { kind: 'checkIn', key: 'sub-aaaaaaaa', body, label: '东关大街社区', queuedAt: '2026-03-05T01:00:01.000Z', attempts: 1 },
        {
          kind: 'diary',
          key: 'entry-0000001',
          body: { entryId: 'entry-0000001', text: '今天走访了三户' },
          label: '今天走访了三户',
          queuedAt: '2026-03-05T01:00:01.000Z',
          attempts: 0
        }
      ],
      failed: [
        {
          kind: 'checkIn',
          key: 'sub-cccccccc',
          body: { ...body, submissionId: 'sub-cccccccc' },
          label: '东关大街社区',
          queuedAt: '',
          attempts: 1,
          code: 'BAD_REQUEST',
          message: '超过了 72 小时的补传期限，不能再补传了',
          at: '2026-03-08T01:00:00.000Z'
        }
      ],
      done: []
    }
    render(
      <HomeView
        me={{ ...idle, data: cadre }}
        onRetry={() => {}}
        onOpenManager={() => {}}
        cadre={props({ queue, onUpload: upload, onOpen: (e) => opened.push(e) })}
      />
    )
    expect(screen.getByTestId('queue-pending').textContent).toContain('2 条待上传')
    await act(async () => {
      fireEvent.click(screen.getByTestId('upload-now'))
    })
    expect(upload).toHaveBeenCalledTimes(1)
    const failed = screen.getByTestId('queue-failed').textContent ?? ''
    expect(failed).toContain('1 条被退回')
    expect(failed).toContain('东关大街社区')
    expect(failed).toContain('72 小时')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-outbox'))
    })
    expect(opened).toEqual(['outbox'])
  })

  it('a manager sees no cadre workspace even when the page wires it', () => {
    render(<HomeView me={{ ...idle, data: manager }} onRetry={() => {}} onOpenManager={() => {}} cadre={props()} />)
    expect(screen.queryByTestId('cadre-workspace')).toBeNull()
    expect(screen.getByTestId('open-manager')).toBeTruthy()
  })
})
