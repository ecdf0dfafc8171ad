/**
 * 调查问卷 (发放调查问卷，问需于民、问计于民): shapes the pages and the `surveys` cloud function share.
 * A cadre or manager writes a questionnaire (or starts from a template), publishes it, shows its QR code at a
 * visit or a 座谈会 (or sends the link); residents answer once each without signing up; paper answers are keyed in
 * by the cadre and marked so. Results are tallies kept on the survey as answers land. Instants travel as ISO strings.
 */
import { z } from './zod'
import { BeijingDate, clientId, idOf, optionalText, requiredText } from './text-fields'
import { Cursor } from './visits'

export const surveyPurposes = { needs: '问需于民', advice: '问计于民', satisfaction: '满意度调查', other: '其他' } as const
export const SurveyPurpose = z.enum(['needs', 'advice', 'satisfaction', 'other'], { error: '请选择问卷用途' })
export type SurveyPurpose = z.infer<typeof SurveyPurpose>

export const questionKinds = { single: '单选', multi: '多选', scale: '1–5 分', text: '简答' } as const
export const QuestionKind = z.enum(['single', 'multi', 'scale', 'text'], { error: '请选择题型' })
export type QuestionKind = z.infer<typeof QuestionKind>

export const surveyStatuses = { draft: '草稿', open: '收集中', closed: '已结束' } as const
export const SurveyStatus = z.enum(['draft', 'open', 'closed'])
export type SurveyStatus = z.infer<typeof SurveyStatus>

export const OptionInput = z.object({
  label: requiredText(40, '选项'),
  /** The same option in Tibetan, when the author writes it: the resident page offers 藏文 then. */
  labelBo: optionalText(80, '藏文选项')
})

export const QuestionInput = z.object({
  kind: QuestionKind,
  text: requiredText(100, '题目'),
  textBo: optionalText(200, '藏文题目'),
  required: z.boolean({ error: '请说明是否必答' }).default(true),
  /** Single and multiple choice: 2 to 10 options (types/rules/surveys.ts checks per kind). */
  options: z.array(OptionInput).max(10, { error: '每题最多 10 个选项' }).default([]),
  /** 1–5 scale: words under 1 and 5 (default 很不满意 / 很满意). */
  lowLabel: optionalText(10, '1 分的说明'),
  highLabel: optionalText(10, '5 分的说明')
})
export type QuestionInput = z.input<typeof QuestionInput>
export type QuestionFields = z.output<typeof QuestionInput>

export const SurveyFields = z.object({
  title: requiredText(40, '问卷标题'),
  titleBo: optionalText(80, '藏文标题'),
  intro: optionalText(300, '问卷说明'),
  introBo: optionalText(600, '藏文说明'),
  purpose: SurveyPurpose,
  questions: z.array(QuestionInput).min(1, { error: '至少要有一道题' }).max(20, { error: '一份问卷最多 20 道题' }),
  /** The last Beijing day answers are taken (absent: until the author ends it). */
  closesOn: BeijingDate.optional()
})
export type SurveyFieldsInput = z.input<typeof SurveyFields>

/** A question as stored and shown: ids given by the server in order (q1…, o1…), fixed once published. */
export const Question = z.object({
  id: z.string(),
  kind: QuestionKind,
  text: z.string(),
  textBo: z.string().optional(),
  required: z.boolean(),
  options: z.array(z.object({ id: z.string(), label: z.string(), labelBo: z.string().optional() })),
  lowLabel: z.string().optional(),
  highLabel: z.string().optional()
})
export type Question = z.infer<typeof Question>

export const SurveySummary = z.object({
  id: z.string(),
  title: z.string(),
  purpose: SurveyPurpose,
  status: SurveyStatus,
  ownerId: z.string(),
  ownerName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** Answers so far: from residents by code and keyed in from paper. */
  answers: z.number().int(),
  paper: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closesOn: z.string().nullable(),
  templateId: z.string().nullable()
})
export type SurveySummary = z.infer<typeof SurveySummary>

export const Survey = SurveySummary.extend({
  titleBo: z.string().optional(),
  intro: z.string(),
  introBo: z.string().optional(),
  questions: z.array(Question),
  /** The visit it was handed out at, when the author said so. */
  visitId: z.string().nullable(),
  /** The link residents open in a browser (the QR code carries the same code). */
  h5Path: z.string(),
  /** The caller may edit (draft), publish, end it and key in paper answers: the author only. */
  mine: z.boolean()
})
export type Survey = z.infer<typeof Survey>

export const SurveyPage = z.object({ items: z.array(SurveySummary), nextCursor: z.string().nullable() })

// ---------------------------------------------------------------- templates

export const SurveyTemplate = z.object({
  id: z.string(),
  /** starter: shipped with the app; pushed: sent down the tree by a manager above the caller. */
  source: z.enum(['starter', 'pushed']),
  title: z.string(),
  titleBo: z.string().optional(),
  purpose: SurveyPurpose,
  intro: z.string(),
  introBo: z.string().optional(),
  questions: z.array(QuestionInput),
  /** Who pushed it (pushed only). */
  orgName: z.string().nullable(),
  pushedAt: z.string().nullable()
})
export type SurveyTemplate = z.infer<typeof SurveyTemplate>

export const PushTemplateInput = z.object({
  /** Made on the phone: a double tap pushes once. */
  templateId: clientId('模板'),
  title: requiredText(40, '模板标题'),
  titleBo: SurveyFields.shape.titleBo,
  intro: optionalText(300, '模板说明'),
  introBo: SurveyFields.shape.introBo,
  purpose: SurveyPurpose,
  questions: SurveyFields.shape.questions
})

// ---------------------------------------------------------------- answering

/** q1…q20 */
export const QuestionId = z.string().regex(/^q([1-9]|1\d|20)$/, { error: '题号不对' })
/** A chosen option id, the chosen ids, a 1–5 score, or a short text. */
export const AnswerValue = z.union([
  z.string({ error: '答案应为文字' }).max(200, { error: '简答最多 200 个字' }),
  z.array(z.string().max(10)).max(10, { error: '选得太多了' }),
  z.number({ error: '分数应为数字' }).int({ error: '分数应为 1 到 5 的整数' }).min(1, { error: '分数应为 1 到 5' }).max(5, { error: '分数应为 1 到 5' })
])
export type AnswerValue = z.infer<typeof AnswerValue>
export const Answers = z.record(QuestionId, AnswerValue, { error: '答案格式不对' })
export type Answers = z.infer<typeof Answers>

export const SurveyCode = z.string({ error: '缺少问卷编号' }).regex(/^s[0-9A-Za-z]{10}$/, { error: '问卷编号不对，请重新扫码' })

/** Why a resident may not answer (the resident page says it in their language). */
export const AnswerBlock = z.enum(['answered', 'closed', 'draft', 'staff'])
export type AnswerBlock = z.infer<typeof AnswerBlock>

/** What a resident sees after scanning: the questions, and whether they may answer. No personal data, no results. */
export const SurveyOpen = z.object({
  id: z.string(),
  title: z.string(),
  titleBo: z.string().optional(),
  intro: z.string(),
  introBo: z.string().optional(),
  orgName: z.string(),
  questions: z.array(Question),
  /** Some text of the questionnaire exists in Tibetan. */
  hasBo: z.boolean(),
  blocked: AnswerBlock.nullable()
})
export type SurveyOpen = z.infer<typeof SurveyOpen>

// ---------------------------------------------------------------- results

export const OptionResult = z.object({ id: z.string(), label: z.string(), count: z.number().int(), share: z.number().nullable() })
export const QuestionResult = z.object({
  id: z.string(),
  kind: QuestionKind,
  text: z.string(),
  /** Answers that answered this question. */
  answered: z.number().int(),
  /** Single, multiple choice and the scale (options 1–5). Shares are of `answered` (multiple choice adds up beyond 100 %). */
  options: z.array(OptionResult),
  /** Scale only. */
  mean: z.number().nullable(),
  /** Text only: how many wrote something (listed by `texts`). */
  texts: z.number().int()
})
export type QuestionResult = z.infer<typeof QuestionResult>

export const SurveyResults = z.object({
  survey: SurveySummary,
  total: z.number().int(),
  resident: z.number().int(),
  paper: z.number().int(),
  /** Figures are shown from this many answers on (fewer could point at one person). */
  minToShow: z.number().int(),
  shown: z.boolean(),
  questions: z.array(QuestionResult)
})
export type SurveyResults = z.infer<typeof SurveyResults>

export const TextAnswerPage = z.object({
  /** In no particular order (not the order they came in), with no time: a text cannot be matched to who handed it in. */
  items: z.array(z.object({ text: z.string(), paper: z.boolean() })),
  nextCursor: z.string().nullable()
})

// ---------------------------------------------------------------- inputs

const surveyId = idOf('问卷')
export const surveysInput = {
  templates: z.object({}),
  pushTemplate: PushTemplateInput,
  create: SurveyFields.extend({ templateId: idOf('模板').optional(), visitId: idOf('走访').optional() }),
  update: SurveyFields.extend({ surveyId }),
  publish: z.object({ surveyId }),
  close: z.object({ surveyId }),
  remove: z.object({ surveyId }),
  list: z.object({
    /** A cadre's own (absent), another cadre of the caller's subtree, or every survey of a unit of the subtree. */
    cadreId: idOf('干部').optional(),
    orgId: idOf('单位').optional(),
    cursor: Cursor,
    limit: z.number().int().min(1).max(50).default(20)
  }),
  get: z.object({ surveyId }),
  results: z.object({ surveyId }),
  texts: z.object({ surveyId, questionId: QuestionId, cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  qr: z.object({ surveyId }),
  open: z.object({ scene: SurveyCode }),
  answer: z.object({ scene: SurveyCode, answers: Answers }),
  paper: z.object({ surveyId, entryId: clientId('纸质问卷'), answers: Answers })
}

export const SurveyQr = z.object({ scene: z.string(), page: z.string(), imageUrl: z.string(), h5Path: z.string() })
export type SurveyQr = z.infer<typeof SurveyQr>
