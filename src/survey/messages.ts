/**
 * What the questionnaire pages say to a resident, in Chinese and Tibetan (src/i18n: one catalog per group of pages,
 * `t(key)`). What the author wrote (title, questions, options) shows in Tibetan when they wrote it and the resident
 * picked བོད་ཡིག; otherwise in Chinese. Tibetan: to be reviewed by a native speaker before release.
 */
import type { Catalog } from '../i18n'

const zh = {
  loading: '正在打开问卷…',
  anonymous: '不记名填写：不会记录您是谁，干部也看不到哪份是您填的。每人只能填一次。',
  required: '必答',
  optional: '选答',
  pickOne: '选一项',
  pickMany: '可以选多项',
  scaleLow: '很不满意',
  scaleHigh: '很满意',
  writeHere: '请在这里写（可以不写）',
  submit: '提交问卷',
  thanks: '提交成功，谢谢您！',
  thanksHint: '您的意见我们会认真研究，办理情况会通过走访、座谈告诉大家。',
  'blocked.answered': '您已经填过这份问卷了，谢谢！',
  'blocked.closed': '这份问卷已经结束收集了，谢谢您的关心。',
  'blocked.draft': '这份问卷还没有开始。',
  'blocked.staff': '您是工作人员，不能以群众身份填写。纸质问卷请由发起人录入。',
  from: '发起单位：{org}'
}

export type SurveyKey = keyof typeof zh

const bo: Partial<Record<SurveyKey, string>> = {
  loading: 'འདྲི་ཤོག་ཁ་ཕྱེ་བཞིན་ཡོད།',
  anonymous: 'མིང་མི་འགོད། ཁྱེད་སུ་ཡིན་པ་ཟིན་ཐོ་མི་འགོད། ལས་བྱེད་པས་ཀྱང་ཁྱེད་ཀྱིས་བྲིས་པ་གང་ཡིན་མཐོང་མི་ཐུབ། མི་རེས་ཐེངས་གཅིག་ཁོ་ན་བྲི་ཆོག',
  required: 'ངེས་པར་ལན་འདེབས།',
  optional: 'འདེམས་ཆོག',
  pickOne: 'གཅིག་འདེམས།',
  pickMany: 'མང་པོ་འདེམས་ཆོག',
  scaleLow: 'ཧ་ཅང་ཡིད་མ་ཚིམ།',
  scaleHigh: 'ཧ་ཅང་ཡིད་ཚིམ།',
  writeHere: 'འདིར་བྲིས་རོགས། (མ་བྲིས་ཀྱང་ཆོག)',
  submit: 'འདྲི་ཤོག་འབུལ།',
  thanks: 'ལེགས་པར་ཕུལ་ཟིན། ཐུགས་རྗེ་ཆེ།',
  thanksHint: 'ཁྱེད་ཀྱི་བསམ་འཆར་ལ་ང་ཚོས་ནན་ཏན་ངང་ཞིབ་འཇུག་བྱེད། སྒྲུབ་པའི་གནས་སྟངས་ལྟ་སྐོར་དང་གླེང་མོལ་བརྒྱུད་ནས་ཚང་མར་བརྡ་སྤྲོད་བྱེད།',
  'blocked.answered': 'ཁྱེད་ཀྱིས་འདྲི་ཤོག་འདི་བྲིས་ཟིན། ཐུགས་རྗེ་ཆེ།',
  'blocked.closed': 'འདྲི་ཤོག་འདི་བསྡུ་ལེན་མཇུག་རྫོགས་ཟིན། ཐུགས་ཁུར་ལ་ཐུགས་རྗེ་ཆེ།',
  'blocked.draft': 'འདྲི་ཤོག་འདི་ད་དུང་འགོ་མ་ཚུགས།',
  'blocked.staff': 'ཁྱེད་ནི་ལས་བྱེད་པ་ཡིན་པས་མང་ཚོགས་ཀྱི་ཐོབ་ཐང་ཐོག་ནས་བྲི་མི་ཆོག ཤོག་བུའི་འདྲི་ཤོག་འགོ་སློང་མཁན་གྱིས་འཇུག་རོགས།',
  from: 'འགོ་སློང་ལས་ཁུངས། {org}'
}

export const messages: Catalog<SurveyKey> = { zh, bo }
