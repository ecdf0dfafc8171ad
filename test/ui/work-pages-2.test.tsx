/**
 * The pure views of the work pages (src/work/pages), continued: 三问记录, the month-end and year-end pack, and a
 * manager pushing a questionnaire down the tree as a template (the editor's button; the list shows who pushed it).
 */
import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { VoicesView, groupsOf, type VoicesViewProps } from '@/src/work/pages/voices/VoicesView'
import { PackView, type PackViewProps } from '@/src/work/pages/pack/PackView'
import { SurveyEditView, type SurveyEditViewProps } from '@/src/work/pages/survey-edit/SurveyEditView'
import { SurveysView, type SurveysViewProps } from '@/src/work/pages/surveys/SurveysView'
import { blankQuestion, draftOf, type SurveyDraft } from '@/src/work/pages/survey-edit/draft'
import type { Pack, PackRow } from '@/types/packs'
import type { Voice } from '@/types/voices'
import type { SurveySummary, SurveyTemplate } from '@/types/surveys'
import { emptyFigures, type PeriodFigures } from '@/types/outcomes'
import { CloudError } from '@/src/services/reply'
import { idle } from './cadre-fixtures'
import { loaded, paged } from './fixtures'

const netError = new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试')
const noop = () => {}
const text = (id: string) => screen.getByTestId(id).textContent ?? ''
/** A pack line's value: label and value are side by side in one row. */
const lineValue = (id: string) => screen.getByTestId(id).querySelector('.pk-line__value')?.textContent

describe('三问记录', () => {
  const voice = (over: Partial<Voice> = {}): Voice => ({
    visitId: 'v1',
    cadreId: 'u-1',
    cadreName: '马晓燕',
    orgId: 'org-1',
    orgName: '城东区妇联',
    pointId: 'lp-1',
    pointName: '东关大街社区',
    pointKind: 'village',
    date: '2026-03-05',
    policy: '讲了医保缴费新政策',
    needs: '希望增加公交班次',
    advice: null,
    peopleMet: 6,
    ...over
  })
  const months = [
    { value: '2026-03', label: '本月（3月）' },
    { value: '2026-02', label: '2026年2月' },
    { value: '2026-01', label: '2026年1月' },
    { value: '2025-12', label: '2025年12月' },
    { value: '2025-11', label: '2025年11月' }
  ]
  const base = (over: Partial<VoicesViewProps> = {}): VoicesViewProps => ({
    months,
    month: '2026-03',
    onMonth: noop,
    list: paged<Voice>(),
    onRetry: noop,
    onMore: noop,
    ...over
  })
  const items = [
    voice(),
    voice({ visitId: 'v2', cadreName: '李建华', date: '2026-03-02', policy: null, needs: null, advice: '社区食堂可以办起来', peopleMet: 12 }),
    voice({ visitId: 'v3', pointId: 'lp-2', pointName: '城东区实验小学', pointKind: 'school' })
  ]

  it('groups consecutive records of one unit and place, each with what was said under 问政, 问需, 问计', () => {
    render(<VoicesView {...base({ list: paged({ items }) })} />)
    const groups = screen.getAllByTestId('voice-group')
    expect(groups.map((g) => g.querySelector('.jdq-card__title')?.textContent)).toEqual(['城东区妇联 · 东关大街社区', '城东区妇联 · 城东区实验小学'])
    const rows = screen.getAllByTestId('voice')
    expect(rows[0].textContent).toBe('3月5日 · 马晓燕 · 见到 6 人问政：讲了医保缴费新政策问需：希望增加公交班次')
    // Only the asks that have words are shown.
    expect(rows[1].textContent).toBe('3月2日 · 李建华 · 见到 12 人问计：社区食堂可以办起来')
    expect(groups[0].querySelectorAll('[data-testid="voice"]')).toHaveLength(2)
  })

  it('a place that comes back after another starts a new group, as the function ordered them', () => {
    const g = groupsOf([
      voice(),
      voice({ visitId: 'v2', pointId: 'lp-2' }),
      voice({ visitId: 'v3' }),
      voice({ visitId: 'v4', orgId: 'org-2', orgName: '城西区妇联' })
    ])
    expect(g.map((x) => [x.key, x.items.map((v) => v.visitId)])).toEqual([
      ['org-1|lp-1', ['v1']],
      ['org-1|lp-2', ['v2']],
      ['org-1|lp-1', ['v3']],
      ['org-2|lp-1', ['v4']]
    ])
  })

  it('offers the four newest months and says which is picked; more pages on demand', async () => {
    const onMonth = jest.fn()
    const onMore = jest.fn()
    render(<VoicesView {...base({ onMonth, onMore, month: '2026-02', list: paged({ items, hasMore: true }) })} />)
    expect(screen.getAllByTestId(/^voices-month-/).map((c) => c.textContent)).toEqual(['本月（3月）', '2026年2月', '2026年1月', '2025年12月'])
    expect(screen.getByTestId('voices-month-2026-02').getAttribute('data-selected')).toBe('true')
    await act(async () => {
      fireEvent.click(screen.getByTestId('voices-month-2025-12'))
      fireEvent.click(screen.getByTestId('load-more'))
    })
    expect(onMonth).toHaveBeenCalledWith('2025-12')
    expect(onMore).toHaveBeenCalledTimes(1)
  })

  it('an older month opened from a link stays among the chips, marked', () => {
    render(<VoicesView {...base({ month: '2025-11' })} />)
    expect(screen.getAllByTestId(/^voices-month-/).map((c) => c.textContent)).toEqual(['本月（3月）', '2026年2月', '2026年1月', '2025年12月', '2025年11月'])
    expect(screen.getByTestId('voices-month-2025-11').getAttribute('data-selected')).toBe('true')
  })

  it('loading, error with 重试, an empty month, and a failed refresh above the rows already shown', async () => {
    const onRetry = jest.fn()
    const { rerender } = render(<VoicesView {...base({ list: paged<Voice>({ loaded: false, loading: true }) })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<VoicesView {...base({ onRetry, list: paged<Voice>({ loaded: false, error: netError }) })} />)
    expect(text('error')).toContain('网络不太好')
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry'))
    })
    expect(onRetry).toHaveBeenCalledTimes(1)
    rerender(<VoicesView {...base()} />)
    expect(text('empty')).toContain('这个月还没有三问记录')
    rerender(<VoicesView {...base({ list: paged({ items, error: netError }) })} />)
    expect(text('voices')).toContain('刷新没有成功：网络不太好')
    expect(screen.getAllByTestId('voice')).toHaveLength(3)
  })
})

describe('月度、年度工作汇总', () => {
  const figures = (): PeriodFigures => {
    const f = emptyFigures(3)
    f.days = { count: 34, target: 60, capped: 30 }
    f.visits = { total: 41, byKind: { village: 30, school: 8 } }
    f.demands = { ...f.demands, raised: 9, solved: 7, solvedOnTime: 6, finishedLate: 1, overdue: 2, solvedByPath: { immediate: 4, coordinate: 2, report: 1 } }
    f.ratings = { ...f.ratings, count: 10, satisfied: 8, bad: 2, revisitOnTime: 1, rectified: 1 }
    f.fiveMustVisit = { households: 40, visited: 25 }
    f.fourHundred = { entered: 25, known: 20, relieved: 6, warmed: 30 }
    return f
  }
  const row = (over: Partial<PackRow> = {}): PackRow => ({
    kind: 'cadre',
    id: 'u-1',
    name: '马晓燕',
    level: null,
    figures: figures(),
    satisfiedShare: 0.756,
    ...over
  })
  const pack = (over: Partial<Pack> = {}): Pack => ({
    scope: 'unit',
    period: '2026-03',
    periodLabel: '2026年3月',
    subject: { id: 'org-1', name: '城东区妇联', orgName: '西宁市妇联 · 城东区妇联', level: 'county' },
    figures: figures(),
    satisfiedShare: 0.8,
    computedAt: '2026-03-10T02:00:00.000Z',
    daysTarget: 90,
    fourHundredTargets: { entered: 100, known: 100, relieved: 50, warmed: 100 },
    rows: [row({ kind: 'unit', id: 'org-2', name: '东关街道妇联', level: 'county', satisfiedShare: null }), row()],
    voices: {
      items: [
        {
          visitId: 'v1',
          cadreId: 'u-1',
          cadreName: '马晓燕',
          orgId: 'org-1',
          orgName: '城东区妇联',
          pointId: 'lp-1',
          pointName: '东关大街社区',
          pointKind: 'village',
          date: '2026-03-05',
          policy: null,
          needs: '希望增加公交班次',
          advice: '社区食堂可以办起来',
          peopleMet: 6
        }
      ],
      more: true
    },
    surveys: [{ id: 's1', title: '群众需求调查', purpose: 'needs', status: 'open', ownerName: '李建华', answers: 23, publishedAt: '2026-03-02T02:00:00.000Z' }],
    ...over
  })
  const periods = [
    { value: '2026-03', label: '本月（3月）' },
    { value: '2026-02', label: '上月（2月）' },
    { value: '2026', label: '今年（2026年）' },
    { value: '2025', label: '去年（2025年）' }
  ]
  const base = (over: Partial<PackViewProps> = {}): PackViewProps => ({
    periods,
    period: '2026-03',
    onPeriod: noop,
    pack: loaded(pack()),
    onRetry: noop,
    onExport: noop,
    exporting: false,
    exportDone: false,
    error: null,
    onOpenRow: noop,
    ...over
  })

  it('a unit’s month: the dashboard’s figures, 四个百家 against the 制度’s targets, 三问 digest, surveys and the units below', () => {
    render(<PackView {...base()} />)
    expect(text('pack-head')).toContain('城东区妇联 2026年3月工作汇总')
    expect(text('pack-computed')).toBe('数据统计于 3月10日，与数据看板一致')
    expect(lineValue('pack-visit-total')).toBe('41')
    expect(text('pack-visits')).toContain('34 天（全年目标 90 天）')
    expect(['enterprise', 'school', 'village', 'poorHousehold'].map((k) => text(`pack-kind-${k}`))).toEqual(['企业 0', '学校 8', '农村/社区 30', '贫困户 0'])
    // Targets are shares of the 40 registered households: 100% is 40, 50% is 20.
    expect(lineValue('pack-four-entered')).toBe('25 户（目标 40 户）')
    expect(lineValue('pack-four-relieved')).toBe('6 户（目标 20 户）')
    expect(text('pack-four')).toContain('五必访今年已走访25 户')
    expect(text('pack-demands')).toContain('按时办结6 / 7')
    expect(text('pack-demands')).toContain('超期未办2')
    expect(text('pack-ratings')).toContain('满意率80%')
    expect(text('pack-ratings')).toContain('差评2（按时回访 1，已整改 1）')
    expect(text('pack-voice')).toBe('3月5日 · 马晓燕 · 东关大街社区问需：希望增加公交班次问计：社区食堂可以办起来')
    expect(text('pack-voices')).toContain('只列最近 20 条')
    // A unit's pack names who ran each survey.
    expect(text('pack-survey')).toBe('群众需求调查（问需于民，收集中）：收回 23 份 · 李建华')
    const rows = screen.getAllByTestId('pack-row')
    expect(rows[0].textContent).toBe('东关街道妇联走访 41 次 · 天数 34 · 诉求办结 7/9 · 满意率 —')
    expect(rows[1].textContent).toContain('满意率 75.6%')
    expect(text('pack-export')).toBe('导出 Excel 表格')
    expect(screen.queryByTestId('pack-print')).toBeNull()
    expect(screen.queryByTestId('pack-error')).toBeNull()
  })

  it('period, a row, export (then open the file), print where the page can print', async () => {
    const onPeriod = jest.fn()
    const onOpenRow = jest.fn()
    const onExport = jest.fn()
    const onPrint = jest.fn()
    const { rerender } = render(<PackView {...base({ onPeriod, onOpenRow, onExport, onPrint })} />)
    expect(screen.getByTestId('pack-period-2026-03').getAttribute('data-selected')).toBe('true')
    await act(async () => {
      fireEvent.click(screen.getByTestId('pack-period-2025'))
      fireEvent.click(screen.getAllByTestId('pack-row')[0])
      fireEvent.click(screen.getByTestId('pack-export'))
      fireEvent.click(screen.getByTestId('pack-print'))
    })
    expect(onPeriod).toHaveBeenCalledWith('2025')
    expect(onOpenRow).toHaveBeenCalledWith(pack().rows[0])
    expect(onExport).toHaveBeenCalledTimes(1)
    expect(onPrint).toHaveBeenCalledTimes(1)
    rerender(<PackView {...base({ exportDone: true, error: '导出没有成功，请再试一次' })} />)
    expect(text('pack-export')).toBe('打开 Excel 表格')
    expect(text('pack-error')).toBe('导出没有成功，请再试一次')
  })

  it('a cadre’s pack not computed yet: says so, no figures, nothing said or surveyed, no rows', () => {
    render(
      <PackView
        {...base({
          pack: loaded(pack({ scope: 'cadre', figures: null, satisfiedShare: null, computedAt: null, rows: [], voices: { items: [], more: false } }))
        })}
      />
    )
    expect(text('pack-computed')).toContain('本期数据还没有统计出来')
    for (const id of ['pack-visits', 'pack-four', 'pack-demands', 'pack-ratings', 'pack-rows']) expect(screen.queryByTestId(id)).toBeNull()
    expect(text('pack-voices')).toContain('本期没有三问记录。')
    expect(text('pack-voices')).not.toContain('只列最近 20 条')
    // A cadre's own surveys: no owner named.
    expect(text('pack-survey')).toBe('群众需求调查（问需于民，收集中）：收回 23 份')
  })

  it('no surveys; loading and error keep the period choice on screen', async () => {
    const { rerender } = render(<PackView {...base({ pack: loaded(pack({ surveys: [] })) })} />)
    expect(text('pack-surveys')).toContain('本期没有发放问卷。')
    const onRetry = jest.fn()
    rerender(<PackView {...base({ period: '2026', pack: { loading: true, error: null, data: undefined } })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    expect(screen.getByTestId('pack-period-2026').getAttribute('data-selected')).toBe('true')
    expect(screen.queryByTestId('pack')).toBeNull()
    rerender(<PackView {...base({ onRetry, pack: { ...idle, error: new CloudError('FORBIDDEN', '只能看本单位及下级的汇总'), data: undefined } })} />)
    expect(text('error')).toContain('只能看本单位及下级的汇总')
    expect(screen.getByTestId('pack-period')).toBeTruthy()
    // Asking again cannot change a refusal: the way home instead of 重试.
    expect(screen.queryByTestId('retry')).toBeNull()
    expect(text('go-home')).toBe('回到首页')
    rerender(<PackView {...base({ onRetry, pack: { ...idle, error: new CloudError('UNAVAILABLE', '网络不太好，请稍后再试'), data: undefined } })} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry'))
    })
    expect(onRetry).toHaveBeenCalledTimes(1)
  })
})

describe('a manager pushes a questionnaire down the tree as a template', () => {
  const draft = (): SurveyDraft => ({
    title: '春节走访满意度',
    titleBo: '',
    intro: '',
    introBo: '',
    purpose: 'satisfaction',
    closesOn: '',
    questions: [{ ...blankQuestion('scale'), text: '干部走访的情况' }],
    bo: false,
    templateId: null
  })
  const base = (over: Partial<SurveyEditViewProps> = {}): SurveyEditViewProps => ({
    draft: draft(),
    loadError: null,
    onRetry: noop,
    readOnly: false,
    onDraft: noop,
    onSave: noop,
    onPublish: noop,
    busy: null,
    error: null,
    ...over
  })

  it('the editor’s 下发 button pushes, and only that: not a save and not a publish', async () => {
    const onPush = jest.fn()
    const onSave = jest.fn()
    const onPublish = jest.fn()
    render(<SurveyEditView {...base({ onPush, onSave, onPublish })} />)
    expect(text('push-template')).toBe('作为模板下发给下级')
    await act(async () => {
      fireEvent.click(screen.getByTestId('push-template'))
    })
    // The page pushes the draft it holds; the view passes nothing of its own.
    expect(onPush).toHaveBeenCalledTimes(1)
    expect(onPush).toHaveBeenCalledWith()
    expect(onSave).not.toHaveBeenCalled()
    expect(onPublish).not.toHaveBeenCalled()
  })

  it('a cadre (no onPush) has no 下发 button; a failed push shows the page’s error', () => {
    const { rerender } = render(<SurveyEditView {...base()} />)
    expect(screen.queryByTestId('push-template')).toBeNull()
    expect(screen.getByTestId('publish')).toBeTruthy()
    rerender(<SurveyEditView {...base({ onPush: noop, busy: 'push', error: '请选择问卷用途' })} />)
    expect(screen.getByTestId('push-template')).toBeTruthy()
    expect(text('edit-error')).toBe('请选择问卷用途')
  })

  describe('the units below find it among the templates', () => {
    const pushed: SurveyTemplate = {
      id: 'tpl-pushed-1',
      source: 'pushed',
      title: '春节走访满意度',
      purpose: 'satisfaction',
      intro: '',
      questions: [{ kind: 'scale', text: '干部走访的情况', required: true, options: [] }],
      orgName: '西宁市妇联',
      pushedAt: '2026-03-01T02:00:00.000Z'
    }
    const starter: SurveyTemplate = {
      ...pushed,
      id: 'starter-needs',
      source: 'starter',
      title: '问需于民',
      purpose: 'needs',
      orgName: null,
      pushedAt: null,
      questions: [pushed.questions[0], { kind: 'text', text: '还有什么建议', required: false, options: [] }]
    }
    const list: SurveysViewProps = {
      scope: 'mine',
      canSeeUnit: false,
      onScope: noop,
      list: paged<SurveySummary>(),
      onRetry: noop,
      onMore: noop,
      onOpen: noop,
      templates: loaded({ items: [pushed, starter] }),
      onNew: noop,
      onTemplate: noop
    }

    it('says who pushed it; picking it (or a blank one) hands it to the page, and the draft keeps its id', async () => {
      const onTemplate = jest.fn()
      render(<SurveysView {...list} onTemplate={onTemplate} />)
      expect(text('template-tpl-pushed-1')).toContain('西宁市妇联下发 · 1 道题')
      expect(text('template-starter-needs')).not.toContain('下发')
      expect(text('template-starter-needs')).toContain('2 道题')
      await act(async () => {
        fireEvent.click(screen.getByTestId('template-tpl-pushed-1'))
        fireEvent.click(screen.getByTestId('template-blank'))
      })
      expect(onTemplate.mock.calls).toEqual([[pushed], [null]])
      expect(draftOf(pushed)).toMatchObject({
        title: '春节走访满意度',
        purpose: 'satisfaction',
        templateId: 'tpl-pushed-1',
        questions: [{ kind: 'scale', text: '干部走访的情况', required: true }]
      })
    })

    it('the picker while templates load or fail; closed, it offers 新建问卷', async () => {
      const onNew = jest.fn()
      const { rerender } = render(<SurveysView {...list} templates={{ loading: true, error: null, data: undefined }} />)
      expect(text('templates')).toContain('正在加载模板…')
      rerender(<SurveysView {...list} templates={{ ...idle, error: new CloudError('UNAVAILABLE', '网络不太好'), data: undefined }} />)
      expect(text('templates')).toContain('网络不太好')
      expect(screen.getByTestId('template-blank')).toBeTruthy()
      rerender(<SurveysView {...list} templates={null} onNew={onNew} />)
      expect(screen.queryByTestId('templates')).toBeNull()
      await act(async () => {
        fireEvent.click(screen.getByTestId('new-survey'))
      })
      expect(onNew).toHaveBeenCalledTimes(1)
    })
  })
})
