/**
 * What 投诉建议 says, in Chinese and Tibetan (src/i18n). Residents write here as well as staff, so the page follows
 * the reader's language choice. Tibetan: to be reviewed by a native speaker before release.
 */
import type { Catalog } from '@/src/i18n'

const zh = {
  title: '写投诉或建议',
  intro: '对干部的工作、对这个小程序有意见，都可以告诉省活动办，我们会答复您。',
  kind: '类型',
  'kind.complaint': '投诉',
  'kind.suggestion': '建议',
  to: '反映给',
  toHint: '不清楚是哪个单位的，选“不清楚”，三家都能看到。',
  'to.all': '不清楚 / 关于小程序',
  'to.union': '工会',
  'to.league': '共青团',
  'to.women': '妇联',
  text: '内容',
  textPlaceholder: '请写清楚什么时间、什么地方、什么事',
  name: '称呼（可不填）',
  phone: '电话（可不填，只有省活动办能看到）',
  send: '提交',
  sent: '已提交',
  mine: '我提交的',
  mineEmpty: '您还没有提交过',
  mineEmptyHint: '提交后，答复会显示在这里。',
  answered: '已答复',
  waiting: '等待答复',
  answer: '答复：{text}',
  dateFormat: 'YYYY年M月D日 HH:mm',
  'error.kind': '请选择是投诉还是建议',
  'error.text': '请至少写 5 个字',
  'error.phone': '电话号码格式不对（手机 11 位）'
}

export type FeedbackKey = keyof typeof zh

const bo: Record<FeedbackKey, string> = {
  title: 'སྐྱོན་བརྗོད་དམ་གྲོས་འགོ་འབྲི།',
  intro: 'ལས་བྱེད་པའི་ལས་ཀ་དང་ཉེར་སྤྱོད་ཆུང་ངུ་འདིར་བསམ་འཆར་ཡོད་ན་ཞིང་ཆེན་བྱ་འགུལ་གཞི་ཁང་ལ་ཞུ་ཆོག ང་ཚོས་ལན་འདེབས་ངེས།',
  kind: 'རིགས།',
  'kind.complaint': 'སྐྱོན་བརྗོད།',
  'kind.suggestion': 'གྲོས་འགོ།',
  to: 'སུ་ལ་ཞུ།',
  toHint: 'ལས་ཁུངས་གང་ཡིན་མི་ཤེས་ན་“མི་ཤེས”་འདེམས། ལས་ཁུངས་གསུམ་ཀས་མཐོང་ཐུབ།',
  'to.all': 'མི་ཤེས། / ཉེར་སྤྱོད་ཆུང་ངུའི་སྐོར།',
  'to.union': 'ངལ་རྩོལ་མཐུན་ཚོགས།',
  'to.league': 'གུང་ཁྲན་གཞོན་ནུ་མཐུན་ཚོགས།',
  'to.women': 'བུད་མེད་མཐུན་ཚོགས།',
  text: 'ནང་དོན།',
  textPlaceholder: 'དུས་ཚོད་དང་ས་གནས། དོན་དག་གསལ་པོར་འབྲི་རོགས།',
  name: 'མིང་། (མ་བྲིས་ཀྱང་ཆོག)',
  phone: 'ཁ་པར། (མ་བྲིས་ཀྱང་ཆོག ཞིང་ཆེན་བྱ་འགུལ་གཞི་ཁང་ཁོ་ནས་མཐོང་ཐུབ།)',
  send: 'འབུལ།',
  sent: 'ཕུལ་ཟིན།',
  mine: 'ངས་ཕུལ་བ།',
  mineEmpty: 'ཁྱེད་ཀྱིས་ད་དུང་ཅི་ཡང་ཕུལ་མེད།',
  mineEmptyHint: 'ཕུལ་རྗེས་ལན་འདིར་མངོན།',
  answered: 'ལན་བཏབ་ཟིན།',
  waiting: 'ལན་སྒུག་བཞིན་ཡོད།',
  answer: 'ལན། {text}',
  dateFormat: 'YYYY-MM-DD HH:mm',
  'error.kind': 'སྐྱོན་བརྗོད་དམ་གྲོས་འགོ་གང་ཡིན་འདེམས་རོགས།',
  'error.text': 'ཉུང་མཐར་ཡི་གེ་ 5 འབྲི་རོགས།',
  'error.phone': 'ཁ་པར་ཨང་གྲངས་ནོར་འདུག (ལག་ཐོགས་ཁ་པར་ཨང་གྲངས་ 11 ཡོད་དགོས།)'
}

export const messages: Catalog<FeedbackKey> = { zh, bo }
