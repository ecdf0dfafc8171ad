/**
 * 导出报表 and 典型引路 pages in jsdom: choosing what to export, progress, opening the file,
 * the recent list; the feed with its 撤下 for managers; the picker and its form.
 */
import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { ExportsView, percentOf, type ExportsViewProps } from '@/src/manager/pages/exports/ExportsView'
import { ExemplarsView, type ExemplarsViewProps } from '@/src/cadre/pages/exemplars/ExemplarsView'
import { ExemplarPickView, type ExemplarPickViewProps } from '@/src/manager/pages/exemplar-pick/ExemplarPickView'
import { periodOptions } from '@/src/services/export-file'
import { CloudError } from '@/src/services/reply'
import type { ExportJob } from '@/types/exports'
import type { Exemplar, ExemplarCandidate } from '@/types/exemplars'
import { loaded, paged } from './fixtures'

const job = (over: Partial<ExportJob> = {}): ExportJob => ({
  jobId: 'job-00000001',
  kind: 'demands',
  orgId: 'org-women-xining-chengdong',
  orgName: '城东区妇联',
  period: '2026',
  status: 'running',
  rowsDone: 1000,
  estimatedTotal: 4000,
  needsContinue: false,
  fileName: null,
  size: null,
  url: null,
  error: null,
  createdAt: '2026-03-05T01:00:00.000Z',
  finishedAt: null,
  ...over
})
const done = job({
  status: 'done',
  rowsDone: 4000,
  fileName: '诉求台账_城东区妇联_2026年.xlsx',
  size: 380_000,
  url: 'http://x/f.xlsx',
  finishedAt: '2026-03-05T01:00:20.000Z'
})

const periods = periodOptions(new Date('2026-03-05T04:00:00Z'))
const exportsBase: ExportsViewProps = {
  kind: 'demands',
  onKind: () => {},
  period: '2026',
  periods,
  onPeriod: () => {},
  job: null,
  working: false,
  error: null,
  onStart: () => {},
  onContinue: () => {},
  onOpen: () => {},
  opening: null,
  recent: loaded({ items: [] }),
  onRetry: () => {}
}

describe('导出报表', () => {
  it('offers the periods in Beijing time', () => {
    expect(periods.map((p) => p.value)).toEqual(['2026-03', '2026-02', '2026-Q1', '2026', '2025'])
    expect(periodOptions(new Date('2026-12-31T17:00:00Z'))[0].value).toBe('2027-01')
  })

  it('picks what and when, and starts', async () => {
    const onKind = jest.fn()
    const onPeriod = jest.fn()
    const onStart = jest.fn()
    render(<ExportsView {...exportsBase} onKind={onKind} onPeriod={onPeriod} onStart={onStart} />)
    expect(screen.getByTestId('exports').textContent).toContain('群众电话只显示前三位和后四位')
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-kind-ratings'))
      fireEvent.click(screen.getByTestId('export-period-2026-Q1'))
      fireEvent.click(screen.getByTestId('start-export'))
    })
    expect(onKind).toHaveBeenCalledWith('ratings')
    expect(onPeriod).toHaveBeenCalledWith('2026-Q1')
    expect(onStart).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('empty').textContent).toContain('还没有导出过报表')
  })

  it('shows progress while it runs, 接着生成 when a call handed back, and 打开 when done', async () => {
    const onContinue = jest.fn()
    const onOpen = jest.fn()
    const { rerender } = render(<ExportsView {...exportsBase} job={job()} working />)
    expect(screen.getByTestId('export-progress').getAttribute('data-percent')).toBe('25')
    expect(screen.getByTestId('export-rows').textContent).toContain('已处理 1000 条，约 4000 条（25%）')
    expect(screen.queryByTestId('continue-export')).toBeNull()
    rerender(<ExportsView {...exportsBase} job={job({ needsContinue: true, rowsDone: 2000 })} onContinue={onContinue} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('continue-export'))
    })
    expect(onContinue).toHaveBeenCalledTimes(1)
    rerender(<ExportsView {...exportsBase} job={done} onOpen={onOpen} recent={loaded({ items: [done] })} />)
    expect(screen.getByTestId('export-status').textContent).toBe('已完成')
    expect(screen.getByTestId('export-rows').textContent).toContain('共 4000 条')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-export'))
      fireEvent.click(screen.getByTestId('open-recent'))
    })
    expect(onOpen.mock.calls.map((c) => c[0].jobId)).toEqual([done.jobId, done.jobId])
    expect(screen.getByTestId('recent-export').textContent).toContain('371 KB')
  })

  it('a failure and an error are said in words', () => {
    const { rerender } = render(<ExportsView {...exportsBase} job={job({ status: 'failed', error: '生成报表时出了问题，请重新导出' })} error='网络不太好' />)
    expect(screen.getByTestId('export-job').textContent).toContain('请重新导出')
    expect(screen.getByTestId('export-error').textContent).toBe('网络不太好')
    rerender(<ExportsView {...exportsBase} recent={{ loading: false, error: new CloudError('FORBIDDEN', '只有管理员可以做这件事'), data: undefined }} />)
    expect(screen.getByTestId('error').textContent).toContain('只有管理员')
  })

  it('percent never shows 100 before the file is there', () => {
    expect(percentOf({ rowsDone: 5000, estimatedTotal: 4000, status: 'running' })).toBe(99)
    expect(percentOf({ rowsDone: 0, estimatedTotal: 0, status: 'running' })).toBe(0)
    expect(percentOf({ rowsDone: 0, estimatedTotal: 0, status: 'done' })).toBe(100)
  })
})

const exemplar = (over: Partial<Exemplar> = {}): Exemplar => ({
  id: 'ex_visit_v1',
  kind: 'visit',
  sourceId: 'v1',
  title: '走访东关大街社区',
  summary: '蹲点三天，帮老人解决取暖难题。',
  cadreName: '马晓燕',
  orgName: '城东区妇联',
  date: '2026-03-02',
  detail: '走访农村/社区',
  markedByName: '张主席',
  markedAt: '2026-03-04T02:00:00.000Z',
  canRemove: false,
  ...over
})
const feedBase: ExemplarsViewProps = {
  list: paged({ items: [exemplar()] }),
  onRetry: () => {},
  onMore: () => {},
  onRemove: () => {},
  removing: null,
  error: null
}

describe('典型引路', () => {
  it('shows each case with who, where, when and the write-up; no 撤下 or 推荐 for a cadre', () => {
    render(<ExemplarsView {...feedBase} />)
    const card = screen.getByTestId('exemplar').textContent ?? ''
    for (const s of ['走访东关大街社区', '马晓燕 · 城东区妇联 · 2026年3月2日', '帮老人解决取暖难题', '张主席 推荐', '走访']) expect(card).toContain(s)
    expect(screen.queryByTestId('remove-exemplar')).toBeNull()
    expect(screen.queryByTestId('pick-exemplar')).toBeNull()
  })

  it('managers recommend and take down cases of their units', async () => {
    const onPick = jest.fn()
    const onRemove = jest.fn()
    render(<ExemplarsView {...feedBase} list={paged({ items: [exemplar({ canRemove: true })] })} onPick={onPick} onRemove={onRemove} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-exemplar'))
      fireEvent.click(screen.getByTestId('remove-exemplar'))
    })
    expect(onPick).toHaveBeenCalledTimes(1)
    expect(onRemove.mock.calls[0][0].id).toBe('ex_visit_v1')
  })

  it('empty and error states', () => {
    const { rerender } = render(<ExemplarsView {...feedBase} list={paged()} onPick={() => {}} />)
    expect(screen.getByTestId('empty').textContent).toContain('还没有典型案例')
    expect(screen.getByTestId('pick-exemplar')).toBeTruthy()
    rerender(<ExemplarsView {...feedBase} list={paged({ loaded: false, error: new CloudError('UNAVAILABLE', '网络不太好') })} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
  })
})

const candidate = (over: Partial<ExemplarCandidate> = {}): ExemplarCandidate => ({
  kind: 'demand',
  sourceId: 'd1',
  cadreName: '马晓燕',
  date: '2026-03-03',
  label: '生活：暖气不热',
  marked: false,
  ...over
})
const pickBase: ExemplarPickViewProps = {
  kind: 'demand',
  onKind: () => {},
  list: paged({ items: [candidate(), candidate({ sourceId: 'd2', marked: true })] }),
  onRetry: () => {},
  onMore: () => {},
  draft: null,
  onPick: () => {},
  onDraft: () => {},
  onSave: () => {},
  onCancel: () => {},
  onOpenFeed: () => {}
}

describe('设为典型', () => {
  it('lists recent records of the kind chosen and opens the form for one', async () => {
    const onPick = jest.fn()
    const onKind = jest.fn()
    render(<ExemplarPickView {...pickBase} onPick={onPick} onKind={onKind} />)
    const rows = screen.getAllByTestId('candidate')
    expect(rows[0].textContent).toContain('生活：暖气不热')
    expect(rows[1].textContent).toContain('已是典型')
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('pick-candidate')[0])
      fireEvent.click(screen.getByTestId('pick-kind-diary'))
    })
    expect(onPick.mock.calls[0][0].sourceId).toBe('d1')
    expect(onKind).toHaveBeenCalledWith('diary')
  })

  it('the form takes a title and a write-up, says what is wrong, and confirms when saved', async () => {
    const onDraft = jest.fn()
    const onSave = jest.fn()
    const onOpenFeed = jest.fn()
    const draft = {
      kind: 'demand' as const,
      sourceId: 'd1',
      label: '马晓燕 · 2026-03-03 · 生活：暖气不热',
      title: '',
      summary: '',
      saving: false,
      error: '简介至少写 10 个字',
      saved: false
    }
    const { rerender } = render(<ExemplarPickView {...pickBase} draft={draft} onDraft={onDraft} onSave={onSave} />)
    expect(screen.getByTestId('exemplar-form').textContent).toContain('简介至少写 10 个字')
    await act(async () => {
      screen.getByTestId('exemplar-title').dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value: '当场解决暖气问题' } }))
      fireEvent.click(screen.getByTestId('save-exemplar'))
    })
    expect(onDraft).toHaveBeenCalledWith({ title: '当场解决暖气问题' })
    expect(onSave).toHaveBeenCalledTimes(1)
    rerender(<ExemplarPickView {...pickBase} draft={{ ...draft, title: '当场解决暖气问题', error: null, saved: true }} onOpenFeed={onOpenFeed} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-feed'))
    })
    expect(onOpenFeed).toHaveBeenCalledTimes(1)
  })

  it('an empty list says so for the kind', () => {
    render(<ExemplarPickView {...pickBase} kind='visit' list={paged()} />)
    expect(screen.getByTestId('empty').textContent).toContain('近期没有已认可的走访')
  })
})
