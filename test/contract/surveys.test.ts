/**
 * 调查问卷 through the real wx-server-sdk and the emulator: templates (starter and pushed down the tree), a draft
 * written, published and shown by code; residents answer once each, anonymously (the stored answer carries no
 * openid, no time finer than the day; texts come back scrubbed and unordered); a 座谈会 of 200 answering at once all
 * land and the tallies add up; paper answers keyed in once; results hidden below three answers; managers read their
 * subtree's surveys and may end one; wrong answers change nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { writeCount } from '../helpers/harness'
import { seed } from '@/scripts/seed'
import type { Reply } from '@/types/reply'
import type { Survey, SurveyOpen, SurveyResults, SurveyTemplate } from '@/types/surveys'

jest.setTimeout(180_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const cadre = 'demo-women-xining-chengdong-cadre-1'
const peer = 'demo-women-xining-chengdong-cadre-2'
const county = 'demo-women-xining-chengdong-manager'
const prefecture = 'demo-women-xining-manager'
const sibling = 'demo-women-xining-chengzhong-manager'
const siblingCadre = 'demo-women-xining-chengzhong-cadre-1'
const resident = (tag: string) => `o-sv-${tag}-${randomUUID().slice(0, 8)}`

const questions = [
  { kind: 'multi', text: '您家最需要哪方面的帮助？', options: [{ label: '就业' }, { label: '医疗' }, { label: '上学', labelBo: 'སློབ་གྲྭ' }] },
  { kind: 'single', text: '最着急的是？', options: [{ label: '就业' }, { label: '医疗' }] },
  { kind: 'scale', text: '对走访工作打几分', options: [] },
  { kind: 'text', text: '还有什么困难', required: false, options: [] }
]

describe('surveys function: 调查问卷', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const sv = <T>(openid: string | null, data: Record<string, unknown>) => callAs<T>(emu.url, openid, 'surveys', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const fails = (r: Reply<unknown>, code: string) => {
    if (r.ok) throw new Error(`expected ${code}, got ok`)
    expect(r.code).toBe(code)
    return r.message
  }
  const published = async (author = cadre, extra: Record<string, unknown> = {}) => {
    const draft = ok(await sv<Survey>(author, { action: 'create', title: '城东区群众需求调查', purpose: 'needs', questions, ...extra }))
    return ok(await sv<Survey>(author, { action: 'publish', surveyId: draft.id }))
  }
  const answerSheet = { q1: ['o1', 'o3'], q2: 'o2', q3: 4, q4: '孩子上学路远，我的电话13912345678' }
  /**
   * Eight warm instances (the emulator's cap per function) before a burst: on a loaded machine several processes
   * starting at once can each take longer than the function's timeout just to load. What a burst tests is how
   * concurrent answers land, not cold starts; the rounds stop as soon as every instance answered.
   */
  const warm = async (scene: string) => {
    for (let round = 0; round < 6; round++) {
      const outs = await Promise.all(Array.from({ length: 8 }, () => sv(resident('warm'), { action: 'open', scene }).catch(() => null)))
      if (outs.every((o) => o?.ok)) return
    }
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'surveys', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('offers the starter templates and those pushed from above — only below the pusher', async () => {
    const starter = ok(await sv<{ items: SurveyTemplate[] }>(cadre, { action: 'templates' })).items
    expect(starter.map((t) => t.purpose)).toEqual(['needs', 'advice', 'satisfaction'])
    fails(await sv(cadre, { action: 'pushTemplate', templateId: randomUUID(), title: '干部不能下发', purpose: 'advice', questions }), 'FORBIDDEN')
    const tid = randomUUID()
    const bo = { titleBo: 'དགོས་མཁོ།', introBo: 'མིང་མི་དགོས།' }
    const push = { action: 'pushTemplate', templateId: tid, title: '西宁市妇联 春节前需求摸底', purpose: 'needs', questions, ...bo }
    const pushed = ok(await sv<SurveyTemplate>(prefecture, push))
    ok(await sv<SurveyTemplate>(prefecture, push)) // a double tap: the same template
    expect(pushed).toMatchObject({ source: 'pushed', orgName: '西宁市妇联', ...bo })
    const mine = ok(await sv<{ items: SurveyTemplate[] }>(cadre, { action: 'templates' })).items
    expect(mine.filter((t) => t.source === 'pushed').map((t) => t.id)).toEqual([pushed.id])
    // The Tibetan title and intro reach the units below with the questions.
    expect(mine.find((t) => t.id === pushed.id)).toMatchObject(bo)
    const other = ok(await sv<{ items: SurveyTemplate[] }>('demo-women-haidong-ledu-cadre-1', { action: 'templates' })).items
    expect(other.some((t) => t.source === 'pushed')).toBe(false)
    // A survey started from it records where it came from; someone else's template is not found.
    const s = ok(await sv<Survey>(cadre, { action: 'create', title: '春节前需求摸底', purpose: 'needs', questions, templateId: pushed.id }))
    expect(s.templateId).toBe(pushed.id)
    fails(await sv('demo-women-haidong-ledu-cadre-1', { action: 'create', title: '借用', purpose: 'needs', questions, templateId: pushed.id }), 'NOT_FOUND')
  })

  it('a draft is edited, published (questions fixed), shown by code; residents answer once each', async () => {
    const draft = ok(await sv<Survey>(cadre, { action: 'create', title: '草稿', purpose: 'needs', questions }))
    expect(draft).toMatchObject({ status: 'draft', mine: true, answers: 0 })
    expect(draft.id).toMatch(/^s[0-9A-Za-z]{10}$/)
    expect(draft.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4'])
    expect(draft.questions[0].options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3'])
    fails(await sv(cadre, { action: 'qr', surveyId: draft.id }), 'CONFLICT')
    fails(await sv(resident('early'), { action: 'open', scene: draft.id }), 'NOT_FOUND')
    fails(await sv(peer, { action: 'update', surveyId: draft.id, title: '别人的', purpose: 'needs', questions }), 'FORBIDDEN')
    const edited = ok(
      await sv<Survey>(cadre, { action: 'update', surveyId: draft.id, title: '城东区群众需求调查', titleBo: 'འཚོ་བའི་དགོས་མཁོ།', purpose: 'needs', questions })
    )
    expect(edited.titleBo).toBe('འཚོ་བའི་དགོས་མཁོ།')
    fails(
      await sv(cadre, {
        action: 'update',
        surveyId: draft.id,
        title: 'x',
        purpose: 'needs',
        questions: [{ kind: 'single', text: '只有一个选项', options: [{ label: '是' }] }]
      }),
      'BAD_REQUEST'
    )
    const open = ok(await sv<Survey>(cadre, { action: 'publish', surveyId: draft.id }))
    expect(open.status).toBe('open')
    expect(ok(await sv<Survey>(cadre, { action: 'publish', surveyId: draft.id })).status).toBe('open')
    fails(await sv(cadre, { action: 'update', surveyId: draft.id, title: '改题', purpose: 'needs', questions }), 'CONFLICT')
    const qr = ok(await sv<{ scene: string; h5Path: string; imageUrl: string }>(cadre, { action: 'qr', surveyId: draft.id }))
    expect(qr.scene).toBe(draft.id)
    expect(qr.h5Path).toBe(`/#/survey/pages/answer/index?scene=${draft.id}`)

    const r = resident('once')
    const seen = ok(await sv<SurveyOpen>(r, { action: 'open', scene: draft.id }))
    expect(seen).toMatchObject({ title: '城东区群众需求调查', orgName: '城东区妇联', hasBo: true, blocked: null })
    expect(JSON.stringify(seen)).not.toMatch(/secret|tally|ownerId/)
    expect(ok(await sv(r, { action: 'answer', scene: draft.id, answers: answerSheet }))).toEqual({ done: true })
    expect(fails(await sv(r, { action: 'answer', scene: draft.id, answers: answerSheet }), 'CONFLICT')).toContain('已经填过')
    expect(ok(await sv<SurveyOpen>(r, { action: 'open', scene: draft.id })).blocked).toBe('answered')
    // Staff see it and are told they may not answer as residents.
    expect(ok(await sv<SurveyOpen>(peer, { action: 'open', scene: draft.id })).blocked).toBe('staff')
    fails(await sv(peer, { action: 'answer', scene: draft.id, answers: answerSheet }), 'FORBIDDEN')

    // The stored answer: no openid anywhere in it, the day only, the phone number scrubbed.
    const { data } = (await db.collection('surveyAnswers').where({ surveyId: draft.id }).get()) as { data: Record<string, unknown>[] }
    expect(data).toHaveLength(1)
    expect(JSON.stringify(data[0])).not.toContain(r)
    expect(Object.keys(data[0]).sort()).toEqual(['_id', 'answers', 'date', 'source', 'surveyId', 'texts'])
    expect((data[0].answers as Record<string, unknown>).q4).toBe('孩子上学路远，我的电话139****5678')
  })

  it('the same resident answering five times at once lands once', async () => {
    const s = await published()
    await warm(s.id)
    const r = resident('burst')
    const replies = await Promise.all(Array.from({ length: 5 }, () => sv(r, { action: 'answer', scene: s.id, answers: answerSheet })))
    expect(replies.filter((x) => x.ok)).toHaveLength(1)
    expect(replies.filter((x) => !x.ok).every((x) => !x.ok && x.code === 'CONFLICT')).toBe(true)
    const got = ok(await sv<Survey>(cadre, { action: 'get', surveyId: s.id }))
    expect(got.answers).toBe(1)
  })

  it('a 座谈会 of 200 answering at once: every answer lands and the tallies add up', async () => {
    const s = await published()
    await warm(s.id)
    const people = Array.from({ length: 200 }, (_, i) => resident(`forum${i}`))
    const replies = await Promise.all(
      people.map((r, i) =>
        sv(r, {
          action: 'answer',
          scene: s.id,
          answers: {
            q1: i % 2 ? ['o1'] : ['o2', 'o3'],
            q2: i % 4 === 0 ? 'o1' : 'o2',
            q3: (i % 5) + 1,
            ...(i % 10 === 0 ? { q4: `第${i}位：希望多办技能培训` } : {})
          }
        })
      )
    )
    const failed = replies.filter((x) => !x.ok)
    expect(failed).toEqual([])
    const res = ok(await sv<SurveyResults>(cadre, { action: 'results', surveyId: s.id }))
    expect(res).toMatchObject({ total: 200, resident: 200, paper: 0, shown: true })
    const [q1, q2, q3, q4] = res.questions
    expect(q1.options.map((o) => o.count)).toEqual([100, 100, 100])
    expect(q1.options[0].share).toBe(0.5)
    expect(q2.options.map((o) => o.count)).toEqual([50, 150])
    expect(q2.options.map((o) => o.share)).toEqual([0.25, 0.75])
    expect(q3.options.map((o) => o.count)).toEqual([40, 40, 40, 40, 40])
    expect(q3.mean).toBe(3)
    expect(q4).toMatchObject({ kind: 'text', answered: 20, texts: 20 })
    // Written answers, a page at a time, in no order of arrival and with nothing that points at a person.
    const texts: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { text: string; paper: boolean }[]; nextCursor: string | null } = ok(
        await sv(county, { action: 'texts', surveyId: s.id, questionId: 'q4', limit: 7, ...(cursor ? { cursor } : {}) })
      )
      texts.push(...page.items.map((t) => t.text))
      expect(Object.keys(page.items[0] ?? { text: '', paper: false }).sort()).toEqual(['paper', 'text'])
      cursor = page.nextCursor
    } while (cursor)
    expect(texts.sort()).toEqual(Array.from({ length: 20 }, (_, k) => `第${k * 10}位：希望多办技能培训`).sort())
  })

  it('paper answers: keyed in by the author once per entry, marked 纸质, also after the survey ended', async () => {
    const s = await published()
    const entryId = randomUUID()
    fails(await sv(peer, { action: 'paper', surveyId: s.id, entryId, answers: answerSheet }), 'FORBIDDEN')
    fails(await sv(county, { action: 'paper', surveyId: s.id, entryId, answers: answerSheet }), 'FORBIDDEN')
    expect(ok(await sv<{ total: number }>(cadre, { action: 'paper', surveyId: s.id, entryId, answers: answerSheet })).total).toBe(1)
    expect(ok(await sv<{ total: number }>(cadre, { action: 'paper', surveyId: s.id, entryId, answers: answerSheet })).total).toBe(1)
    ok(await sv(cadre, { action: 'close', surveyId: s.id }))
    ok(await sv(cadre, { action: 'paper', surveyId: s.id, entryId: randomUUID(), answers: { q1: ['o2'], q2: 'o1', q3: 5 } }))
    ok(await sv(cadre, { action: 'paper', surveyId: s.id, entryId: randomUUID(), answers: { q1: ['o2'], q2: 'o1', q3: 2 } }))
    const res = ok(await sv<SurveyResults>(cadre, { action: 'results', surveyId: s.id }))
    expect(res).toMatchObject({ total: 3, resident: 0, paper: 3, shown: true })
    expect(res.questions[2].mean).toBe(3.67)
    const page = ok(await sv<{ items: { text: string; paper: boolean }[] }>(cadre, { action: 'texts', surveyId: s.id, questionId: 'q4' }))
    expect(page.items).toEqual([{ text: '孩子上学路远，我的电话139****5678', paper: true }])
    // Ended: residents are told so.
    fails(await sv(resident('late'), { action: 'answer', scene: s.id, answers: answerSheet }), 'CONFLICT')
    expect(ok(await sv<SurveyOpen>(resident('late2'), { action: 'open', scene: s.id })).blocked).toBe('closed')
  })

  it('hides the figures below three answers', async () => {
    const s = await published()
    ok(await sv(resident('few1'), { action: 'answer', scene: s.id, answers: answerSheet }))
    ok(await sv(resident('few2'), { action: 'answer', scene: s.id, answers: { q1: ['o2'], q2: 'o1', q3: 1 } }))
    const res = ok(await sv<SurveyResults>(cadre, { action: 'results', surveyId: s.id }))
    expect(res).toMatchObject({ total: 2, shown: false, minToShow: 3 })
    expect(res.questions.every((q) => q.answered === 0 && q.options.every((o) => o.count === 0))).toBe(true)
    expect(ok(await sv<{ items: unknown[] }>(cadre, { action: 'texts', surveyId: s.id, questionId: 'q4' })).items).toEqual([])
  })

  it('wrong answers are refused in words and write nothing', async () => {
    const s = await published()
    const r = resident('wrong')
    const before = await writeCount(emu.url)
    expect(fails(await sv(r, { action: 'answer', scene: s.id, answers: { q1: ['o1'], q3: 3 } }), 'BAD_REQUEST')).toContain('第 2 题还没有回答')
    expect(fails(await sv(r, { action: 'answer', scene: s.id, answers: { ...answerSheet, q2: 'o9' } }), 'BAD_REQUEST')).toContain('第 2 题')
    expect(fails(await sv(r, { action: 'answer', scene: s.id, answers: { ...answerSheet, q9: 'o1' } }), 'BAD_REQUEST')).toContain('没有第 9 题')
    fails(await sv(r, { action: 'answer', scene: s.id, answers: { ...answerSheet, q3: 6 } }), 'BAD_REQUEST')
    fails(await sv(r, { action: 'answer', scene: 'sAAAAAAAAAA', answers: answerSheet }), 'NOT_FOUND')
    expect(await writeCount(emu.url)).toBe(before)
    // Still free to answer properly.
    ok(await sv(r, { action: 'answer', scene: s.id, answers: answerSheet }))
  })

  it('managers read their subtree’s surveys and may end one; others may not', async () => {
    const s = await published(peer)
    const own = ok(await sv<{ items: { id: string }[] }>(peer, { action: 'list' })).items
    expect(own.map((x) => x.id)).toContain(s.id)
    const unit = ok(await sv<{ items: { id: string; ownerName: string }[] }>(county, { action: 'list', orgId: 'org-women-xining-chengdong', limit: 50 })).items
    expect(unit.map((x) => x.id)).toContain(s.id)
    const byCadre = ok(await sv<{ items: { id: string }[] }>(prefecture, { action: 'list', cadreId: 'user-women-xining-chengdong-cadre-2' })).items
    expect(byCadre.map((x) => x.id)).toEqual([s.id])
    fails(await sv(sibling, { action: 'list', orgId: 'org-women-xining-chengdong' }), 'FORBIDDEN')
    fails(await sv(sibling, { action: 'results', surveyId: s.id }), 'FORBIDDEN')
    fails(await sv(siblingCadre, { action: 'get', surveyId: s.id }), 'FORBIDDEN')
    fails(await sv('demo-union-xining-chengdong-manager', { action: 'results', surveyId: s.id }), 'FORBIDDEN')
    fails(await sv(cadre, { action: 'close', surveyId: s.id }), 'FORBIDDEN')
    expect(ok(await sv<Survey>(county, { action: 'close', surveyId: s.id })).status).toBe('closed')
    // Paging: two at a time covers every survey of the county once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = ok(
        await sv(county, { action: 'list', orgId: 'org-women-xining-chengdong', limit: 2, ...(cursor ? { cursor } : {}) })
      )
      seen.push(...page.items.map((x) => x.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(unit.length)
  })

  it('a draft can be removed by its author; a published survey cannot', async () => {
    const draft = ok(await sv<Survey>(cadre, { action: 'create', title: '不要了', purpose: 'other', questions }))
    fails(await sv(county, { action: 'remove', surveyId: draft.id }), 'FORBIDDEN')
    expect(ok(await sv(cadre, { action: 'remove', surveyId: draft.id }))).toEqual({ removed: true })
    fails(await sv(cadre, { action: 'get', surveyId: draft.id }), 'NOT_FOUND')
    const s = await published()
    fails(await sv(cadre, { action: 'remove', surveyId: s.id }), 'CONFLICT')
  })
})
