/**
 * Words every resident page shares: loading, a failed load and its retry, paging, and the lead line put
 * before a sentence the server or the network gave in Chinese (the server's own words are kept as they are;
 * a Tibetan reader is told in Tibetan what happened and sees the Chinese sentence after it).
 * Tibetan: to be reviewed by a native speaker before release.
 */
import { translator, type Catalog } from './index'

const zh = {
  loading: '正在加载，请稍候…',
  loadFailed: '没能加载出来',
  retry: '重试',
  /** Instead of 重试 when asking again cannot change the answer (a broken link, an expired code). */
  home: '回到首页',
  /** The server's words, under a lead only where the page is not in Chinese. */
  serverSaid: '{message}',
  sendFailed: '{message}',
  refreshFailed: '刷新没有成功：{message}',
  loadingMore: '正在加载更多…',
  moreFailed: '{message}，点这里再试',
  loadMore: '上拉或点这里加载更多',
  noMore: '没有更多了'
}

export type CommonKey = keyof typeof zh

/** The shared words in the reader's language (a resident page's `translator(common, lang)`). */
export type CommonT = (key: CommonKey, vars?: Record<string, string | number>) => string

const bo: Partial<Record<CommonKey, string>> = {
  loading: 'ནང་འཇུག་བྱེད་བཞིན་ཡོད། ཅུང་ཙམ་སྒུག་རོགས།',
  loadFailed: 'ནང་འཇུག་མ་ཐུབ།',
  retry: 'ཡང་བསྐྱར་ཚོད་ལྟ།',
  home: 'མ་ཤོག་ཏུ་ཕྱིར་ལོག',
  serverSaid: 'ནོར་འཁྲུལ་བྱུང་སོང་། ({message})',
  sendFailed: 'འབུལ་མ་ཐུབ། ({message})',
  refreshFailed: 'གསར་བཅོས་མ་ཐུབ། ({message})',
  loadingMore: 'མང་བ་ནང་འཇུག་བྱེད་བཞིན་ཡོད།',
  moreFailed: 'ནང་འཇུག་མ་ཐུབ། ({message}) འདིར་མནན་ནས་ཡང་བསྐྱར་ཚོད་ལྟ།',
  loadMore: 'འདིར་མནན་ནས་མང་བ་ལྟ།',
  noMore: 'ད་ནས་མེད།'
}

export const common: Catalog<CommonKey> = { zh, bo }

/** The shared words in Chinese: a staff page's, and a resident page's until it passes its own. */
export const chineseCommon: CommonT = translator(common, 'zh')
