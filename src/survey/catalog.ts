/**
 * Every resident-facing string of the questionnaire pages, in one catalog. Chinese is complete; Tibetan entries come
 * from the resident pages' shared catalog (with its reviewed translations) — until an entry is there, the Chinese one
 * shows. What the author wrote in Tibetan (titles, questions, options) shows whenever the resident picks 藏文.
 */
export type Lang = 'zh' | 'bo'

const zh = {
  loading: '正在打开问卷…',
  anonymous: '不记名填写：不会记录您是谁，干部也看不到哪份是您填的。每人只能填一次。',
  required: '必答',
  optional: '选答',
  pickOne: '选一项',
  pickMany: '可以选多项',
  scale: '请打分（1 分最低，5 分最高）',
  scaleLow: '很不满意',
  scaleHigh: '很满意',
  writeHere: '请在这里写（可以不写）',
  submit: '提交问卷',
  thanks: '提交成功，谢谢您！',
  thanksHint: '您的意见我们会认真研究，办理情况会通过走访、座谈告诉大家。',
  answered: '您已经填过这份问卷了，谢谢！',
  closed: '这份问卷已经结束收集了，谢谢您的关心。',
  draft: '这份问卷还没有开始。',
  staff: '您是工作人员，不能以群众身份填写。纸质问卷请由发起人录入。',
  from: '发起单位',
  langZh: '中文',
  langBo: 'བོད་ཡིག',
  notAnswered: (n: number) => `第 ${n} 题还没有回答`
}

export type CatalogKey = keyof typeof zh
type Entry<K extends CatalogKey> = (typeof zh)[K]

/** Tibetan entries that have been reviewed; a missing one falls back to Chinese. */
const bo: { [K in CatalogKey]?: Entry<K> } = {
  langZh: '中文',
  langBo: 'བོད་ཡིག'
}

export function t<K extends CatalogKey>(lang: Lang, key: K): Entry<K> {
  return ((lang === 'bo' ? bo[key] : undefined) ?? zh[key]) as Entry<K>
}
