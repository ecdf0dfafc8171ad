/**
 * A resident's questionnaire page (src/survey): the catalog has every message in both languages, the shared switch
 * turns the page's words and the author's Tibetan wording to བོད་ཡིག, the reason a resident cannot answer comes
 * from the catalog, and the sheet rules (single replaces, multiple toggles, what is missing named by number).
 */
import './quiet-stencil'
import { useState } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { setLang } from '@/src/i18n'
import { AnswerView } from '@/src/survey/pages/answer/AnswerView'
import { messages } from '@/src/survey/messages'
import { pick, ready, score, type Sheet } from '@/src/survey/form'
import type { AnswerBlock, SurveyOpen } from '@/types/surveys'
import { loaded } from './fixtures'
import { CloudError } from '@/src/services/reply'
import { common } from '@/src/i18n/common'

const tibetan = /[\u0F00-\u0FFF]/
const survey = (over: Partial<SurveyOpen> = {}): SurveyOpen => ({
  id: 'sAbCdEfGhJk',
  title: '群众需求调查',
  titleBo: 'མང་ཚོགས་ཀྱི་དགོས་མཁོ།',
  intro: '想听听您家里最需要帮什么忙。',
  orgName: '城东区总工会',
  questions: [
    {
      id: 'q1',
      kind: 'multi',
      text: '最需要哪些帮助？',
      textBo: 'རོགས་རམ་གང་དགོས།',
      required: true,
      options: [
        { id: 'o1', label: '生产' },
        { id: 'o2', label: '就业', labelBo: 'ལས་ཀ' }
      ]
    },
    { id: 'q2', kind: 'scale', text: '干部走访的情况', required: true, options: [] },
    { id: 'q3', kind: 'text', text: '还有什么建议', required: false, options: [] }
  ],
  hasBo: true,
  blocked: null,
  ...over
})

function Page({ data, fontScale }: { data: SurveyOpen; fontScale?: number }) {
  const [sheet, setSheet] = useState<Sheet>({})
  return (
    <AnswerView
      open={loaded(data)}
      onRetry={() => {}}
      sheet={sheet}
      onPick={(q, o) => setSheet((s) => pick(s, q, o))}
      onScore={(q, n) => setSheet((s) => score(s, q, n))}
      onWrite={() => {}}
      onSubmit={() => {}}
      submitting={false}
      error={null}
      done={false}
      fontScale={fontScale}
    />
  )
}

describe('a resident answering a questionnaire', () => {
  afterEach(() => act(() => setLang('zh')))

  it('has every message in Chinese and Tibetan', () => {
    for (const k of Object.keys(messages.zh) as (keyof typeof messages.zh)[]) expect([k, tibetan.test(messages.bo[k] ?? '')]).toEqual([k, true])
  })

  it('switches to བོད་ཡིག: the page’s words and what the author wrote in Tibetan; the rest stays Chinese', () => {
    render(<Page data={survey()} />)
    expect(screen.getByTestId('survey-title').textContent).toBe('群众需求调查')
    expect(screen.getByTestId('submit-answer').textContent).toBe('提交问卷')
    act(() => {
      fireEvent.click(screen.getByTestId('lang-bo'))
    })
    expect(screen.getByTestId('survey-answer').getAttribute('data-lang')).toBe('bo')
    expect(screen.getByTestId('survey-title').textContent).toBe('མང་ཚོགས་ཀྱི་དགོས་མཁོ།')
    expect(screen.getByTestId('submit-answer').textContent).toBe(messages.bo.submit)
    expect(screen.getByTestId('question-q1').textContent).toContain('རོགས་རམ་གང་དགོས།')
    expect(screen.getByTestId('q1-o2').textContent).toContain('ལས་ཀ')
    // No Tibetan given for this option or question: the author's Chinese.
    expect(screen.getByTestId('q1-o1').textContent).toContain('生产')
    expect(screen.getByTestId('question-q2').textContent).toContain('干部走访的情况')
  })

  it('a code that opens no questionnaire: the reader’s language, and the way home rather than 重试', () => {
    act(() => setLang('bo'))
    const props = {
      onRetry: () => {},
      sheet: {},
      onPick: () => {},
      onScore: () => {},
      onWrite: () => {},
      onSubmit: () => {},
      submitting: false,
      error: null,
      done: false
    }
    render(<AnswerView {...props} open={{ loading: false, error: new CloudError('NOT_FOUND', '这份问卷已经结束'), data: undefined }} />)
    expect(screen.getByTestId('error-title').textContent).toBe(common.bo.loadFailed)
    expect(screen.getByTestId('error').textContent).toContain('这份问卷已经结束')
    expect(screen.queryByTestId('retry')).toBeNull()
    expect(screen.getByTestId('go-home').textContent).toBe(common.bo.home)
  })

  it('toggles multiple choices and marks the chosen score', () => {
    render(<Page data={survey()} />)
    fireEvent.click(screen.getByTestId('q1-o1'))
    fireEvent.click(screen.getByTestId('q1-o2'))
    fireEvent.click(screen.getByTestId('q1-o1'))
    expect([screen.getByTestId('q1-o1').getAttribute('data-selected'), screen.getByTestId('q1-o2').getAttribute('data-selected')]).toEqual(['false', 'true'])
    fireEvent.click(screen.getByTestId('q2-v4'))
    expect(screen.getByTestId('q2-v4').getAttribute('data-selected')).toBe('true')
  })

  it.each<[AnswerBlock, string]>([
    ['answered', '您已经填过这份问卷了'],
    ['closed', '已经结束收集'],
    ['staff', '您是工作人员']
  ])('says why it cannot be answered (%s) instead of the form', (blocked, words) => {
    render(<Page data={survey({ blocked })} />)
    expect(screen.getByTestId('blocked').textContent).toContain(words)
    expect(screen.queryByTestId('answer-form')).toBeNull()
  })

  it('names the first required question left unanswered, and sends only what was answered', () => {
    const s = survey()
    expect(ready(s.questions, {})).toEqual({ ok: false, message: '第 1 题还没有回答' })
    expect(ready(s.questions, { q1: ['o2'] })).toEqual({ ok: false, message: '第 2 题还没有回答' })
    const done = ready(s.questions, { q1: ['o2'], q2: 5 })
    expect(done).toEqual({ ok: true, answers: { q1: ['o2'], q2: 5 } })
  })

  it('is a resident page: sized by WeChat’s font setting (关怀模式), the language switch on top', () => {
    render(<Page data={survey()} fontScale={1.4} />)
    const page = screen.getByTestId('survey-answer')
    expect(page.className).toContain('jdq-care')
    expect(page.style.getPropertyValue('--jdq-fs')).toBe('1.4')
    expect(screen.getAllByTestId('lang-bo')).toHaveLength(1)
  })
})
