/**
 * What the home page says to a resident, in Chinese and Tibetan (src/i18n). Staff read the rest of the home page in
 * Chinese. Tibetan: to be reviewed by a native speaker before release.
 */
import type { Catalog } from '../../i18n'

const zh = {
  hello: '您好',
  scanToStart: '扫一扫干部出示的二维码，就能评价服务、反映问题',
  refreshFailed: '刷新没有成功：{message}。下面是上次加载的内容。',
  reminders: '提醒',
  noReminders: '没有新提醒 ›',
  guideTitle: '您可以这样做',
  guideLine: '用微信扫码（扫一扫干部出示的二维码），就可以：',
  guideRate: '1. 为干部的服务打分（群众点评），实名但保密，干部看不到是谁评的；',
  guideReport: '2. 反映您遇到的困难和问题，可以写字，也可以录一段语音，办理进度会告诉您。',
  join: '有邀请码？加入单位 ›',
  feedback: '投诉建议 ›'
}

export type HomeKey = keyof typeof zh

const bo: Record<HomeKey, string> = {
  hello: 'བཀྲ་ཤིས་བདེ་ལེགས།',
  scanToStart: 'ལས་བྱེད་པས་སྟོན་པའི་ཨར་ཁྲ་བཤེར་ན་ཞབས་ཞུར་དཔྱད་བརྗོད་དང་དཀའ་ངལ་ཞུ་ཐུབ།',
  refreshFailed: 'གསར་བཅོས་མ་ཐུབ། ({message}) གཤམ་གྱི་དེ་ནི་སྔོན་ཆད་ནང་འཇུག་བྱས་པ་ཡིན།',
  reminders: 'དྲན་སྐུལ།',
  noReminders: 'དྲན་སྐུལ་གསར་པ་མེད། ›',
  guideTitle: 'ཁྱེད་ཀྱིས་འདི་ལྟར་བྱེད་ཆོག',
  guideLine: 'ཝེ་ཆེཊ་ནས་ཨར་ཁྲ་བཤེར་ན། (ལས་བྱེད་པས་སྟོན་པའི་ཨར་ཁྲ།)',
  guideRate: '1. ལས་བྱེད་པའི་ཞབས་ཞུར་དཔྱད་བརྗོད་བྱེད་ཆོག མིང་ངོ་མ་ཡིན་ཡང་གསང་བ་ཡིན། ལས་བྱེད་པས་སུས་དཔྱད་བརྗོད་བྱས་པ་མཐོང་མི་ཐུབ།',
  guideReport: '2. ཁྱེད་ཀྱི་དཀའ་ངལ་ཞུ་ཆོག ཡི་གེ་འབྲི་བའམ་སྐད་འཕྲིན་ཕབ་ཆོག སྒྲུབ་པའི་གནས་སྟངས་ཁྱེད་ལ་བརྡ་སྐྱེལ་བྱེད།',
  join: 'མཉམ་ཞུགས་ཨང་རྟགས་ཡོད་དམ། ལས་ཁུངས་སུ་ཞུགས། ›',
  feedback: 'སྐྱོན་བརྗོད་དང་གྲོས་འགོ། ›'
}

export const messages: Catalog<HomeKey> = { zh, bo }
