/**
 * The questionnaire editor's draft (src/work/pages/survey-edit/draft.ts): a starter template opens as a draft that
 * sends back the same questions; what is missing is said in words before anything is sent; empty options and
 * Tibetan left blank are dropped; reordering stays inside the list.
 */
import { blankDraft, draftOf, fieldsOf, moveQuestion } from '@/src/work/pages/survey-edit/draft'
import { starterTemplates } from '@/types/rules/survey-templates'

describe('questionnaire editor draft', () => {
  it('opens a starter template and sends its questions back unchanged, tied to the template', () => {
    const t = starterTemplates.find((x) => x.id === 'starter-satisfaction')!
    const d = draftOf(t)
    expect([d.templateId, d.bo, d.questions.length]).toEqual(['starter-satisfaction', false, 4])
    const out = fieldsOf(d)
    if (!out.ok) throw new Error(out.message)
    expect(out.fields.questions.map((q) => [q.kind, q.text, q.required])).toEqual(t.questions.map((q) => [q.kind, q.text, q.required]))
    expect(out.fields).toMatchObject({ title: '群众满意度调查', purpose: 'satisfaction' })
  })

  it('a template pushed with Tibetan opens with its Tibetan title and intro, and sends them on', () => {
    const d = draftOf({
      ...starterTemplates[0],
      id: 'tpl-u-1-x',
      source: 'pushed',
      titleBo: 'དགོས་མཁོ།',
      introBo: 'མིང་མི་དགོས།',
      orgName: '西宁市妇联',
      pushedAt: '2026-03-01T02:00:00.000Z'
    })
    expect([d.titleBo, d.introBo, d.bo, d.templateId]).toEqual(['དགོས་མཁོ།', 'མིང་མི་དགོས།', true, 'tpl-u-1-x'])
    const out = fieldsOf(d)
    if (!out.ok) throw new Error(out.message)
    expect(out.fields).toMatchObject({ titleBo: 'དགོས་མཁོ།', introBo: 'མིང་མི་དགོས།' })
  })

  it('says what is missing, first title, then purpose, then a question’s text, then the options', () => {
    const d = blankDraft()
    expect(fieldsOf(d)).toEqual({ ok: false, message: '请填写问卷标题' })
    d.title = '  路灯  '
    expect(fieldsOf(d)).toEqual({ ok: false, message: '请选择问卷用途' })
    d.purpose = 'needs'
    expect(fieldsOf(d)).toEqual({ ok: false, message: '第 1 题还没有题目' })
    d.questions[0].text = '路灯够亮吗'
    d.questions[0].options = [
      { label: '够', labelBo: '' },
      { label: '  ', labelBo: 'ཡོད' }
    ]
    expect(fieldsOf(d)).toEqual({ ok: false, message: '第 1 题至少要有 2 个选项' })
    d.questions[0].options[1].label = '不够'
    const out = fieldsOf(d)
    if (!out.ok) throw new Error(out.message)
    expect(out.fields).toEqual({
      title: '路灯',
      purpose: 'needs',
      questions: [{ kind: 'single', text: '路灯够亮吗', required: true, options: [{ label: '够' }, { label: '不够', labelBo: 'ཡོད' }] }]
    })
  })

  it('moves a question up or down, never out of the list', () => {
    const d = draftOf(starterTemplates[0])
    const texts = (x: typeof d) => x.questions.map((q) => q.text)
    expect(texts(moveQuestion(d, 1, -1))).toEqual([d.questions[1].text, d.questions[0].text, d.questions[2].text])
    expect(moveQuestion(d, 0, -1)).toBe(d)
    expect(moveQuestion(d, 2, 1)).toBe(d)
  })
})
