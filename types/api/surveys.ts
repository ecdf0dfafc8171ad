import { z } from '../zod'
import { Survey, SurveyOpen, SurveyPage, SurveyQr, SurveyResults, SurveyTemplate, TextAnswerPage, surveysInput as i } from '../surveys'

/**
 * The `surveys` cloud function: 调查问卷. Authors (any cadre or manager) write, publish and end their own; managers
 * read the surveys of their subtree and push templates down it; residents open and answer by code, once each.
 */
export const surveysApi = {
  /** Starter templates and those pushed by the managers above the caller. */
  templates: { input: i.templates, output: z.object({ items: z.array(SurveyTemplate) }) },
  /** A manager sends a template to everyone in their subtree. */
  pushTemplate: { input: i.pushTemplate, output: SurveyTemplate },
  /** A draft of the caller's own. */
  create: { input: i.create, output: Survey },
  /** The author's draft, replaced as a whole. */
  update: { input: i.update, output: Survey },
  /** Draft → 收集中: the questions are fixed from now on. */
  publish: { input: i.publish, output: Survey },
  /** 收集中 → 已结束 (the author, or a manager above them). */
  close: { input: i.close, output: Survey },
  /** The author's draft only. */
  remove: { input: i.remove, output: z.object({ removed: z.boolean() }) },
  /** Newest first: the caller's own, a cadre's of the caller's subtree, or a unit's whole subtree. */
  list: { input: i.list, output: SurveyPage },
  get: { input: i.get, output: Survey },
  /** Live figures per question, from the tallies kept on the survey (a few reads however many answered). */
  results: { input: i.results, output: SurveyResults },
  /** The written answers to one question, a page at a time. */
  texts: { input: i.texts, output: TextAnswerPage },
  /** The code residents scan (the survey's own code), made once and kept in cloud storage. */
  qr: { input: i.qr, output: SurveyQr },
  /** Residents: what the code opens. */
  open: { input: i.open, output: SurveyOpen },
  /** Residents: one answer each, anonymous. */
  answer: { input: i.answer, output: z.object({ done: z.literal(true) }) },
  /** The author keys in a paper answer (marked 纸质). */
  paper: { input: i.paper, output: z.object({ total: z.number().int() }) }
} as const
