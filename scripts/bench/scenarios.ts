import { randomUUID } from 'node:crypto'
import { LIGHT_VISITS, VETERAN, lightOpenid, veteranOpenid } from './common'
import { callAs } from './measure'
import { beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { BENCH_SURVEY } from './survey-data'
import { silentMp3 } from '@/test/helpers/voice'
import {
  adminOf,
  ahead,
  at,
  checkIn,
  confirmCadre,
  countyManager,
  demandIn,
  heldRating,
  ok,
  prefectureManager,
  provinceAdmin,
  resident,
  sharedScene,
  stayCadre,
  visitScene,
  type Scenario
} from './scenario-kit'

/** Every action the bench measures, in report order (scenario-kit.ts has the pieces). */
// prettier-ignore
export const scenarios: Scenario[] = [
  { name: 'user.me', fn: 'user', as: veteranOpenid, payload: () => ({ action: 'me' }) },
  { name: 'points.overview', fn: 'points', as: veteranOpenid, payload: () => ({ action: 'overview' }) },
  { name: 'visit.list', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'visit.progress', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'progress' }) },
  { name: 'visit.calendar', fn: 'visit', as: veteranOpenid, payload: (_i, now) => ({ action: 'calendar', month: at(now).slice(0, 7) }) },
  { name: 'households.list', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'households.coverage', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'coverage' }) },
  checkIn('visit.checkIn (veteran: 1/10 of all visits)', veteranOpenid, 'bench-point-0'),
  checkIn(`visit.checkIn (${LIGHT_VISITS} earlier visits)`, lightOpenid, 'bench-light-point'),
  { name: 'visit.listPending', fn: 'visit', as: countyManager, payload: () => ({ action: 'listPending', limit: 20 }) },
  { name: 'visit.list (manager)', fn: 'visit', as: countyManager, payload: () => ({ action: 'list', cadreId: VETERAN, limit: 20 }) },
  { name: 'points.listCadres', fn: 'points', as: countyManager, payload: () => ({ action: 'listCadres', limit: 20 }) },

  // ---- 群众点评 (a fresh resident and a new visit or closed demand per call)
  {
    name: 'ratings.rate (满意, a new visit)',
    fn: 'ratings',
    as: resident,
    prepare: async (p) => ({ scene: await visitScene(p) }),
    payload: (_i, _now, p) => ({ action: 'rate', scene: p.scene, level: 'satisfied', tags: ['服务态度好'] })
  },
  {
    name: 'ratings.rate (不满意: opens a 差评 case)',
    fn: 'ratings',
    as: resident,
    prepare: async (p) => ({ scene: await visitScene(p) }),
    payload: (_i, _now, p) => ({ action: 'rate', scene: p.scene, level: 'dissatisfied', tags: ['办事效率低'], comment: '等了很久' })
  },
  {
    name: 'ratings.rate (a closed demand)',
    fn: 'ratings',
    as: resident,
    prepare: async (p) => ({ scene: (await demandIn(p, ['resolve', 'close'])).sceneCode }),
    payload: (_i, _now, p) => ({ action: 'rate', scene: p.scene, level: 'verySatisfied', tags: ['解决效果好'] })
  },
  {
    name: 'ratings.landing (resident scans)',
    fn: 'ratings',
    as: resident,
    prepare: async (p) => ({ scene: await sharedScene(p) }),
    payload: (_i, _now, p) => ({ action: 'landing', scene: p.scene })
  },
  // Single ratings are for the cadre's managers; the rated cadre reads aggregates and stripped 整改 requests.
  { name: 'ratings.listMine (manager)', fn: 'ratings', as: countyManager, payload: () => ({ action: 'listMine', cadreId: VETERAN, limit: 20 }) },
  { name: 'ratings.summary (month)', fn: 'ratings', as: veteranOpenid, payload: () => ({ action: 'summary' }) },
  { name: 'ratings.listRequests', fn: 'ratings', as: veteranOpenid, payload: () => ({ action: 'listRequests', limit: 20 }) },
  { name: 'ratings.listHeld (manager)', fn: 'ratings', as: countyManager, payload: () => ({ action: 'listHeld', limit: 20 }) },
  {
    name: 'ratings.reviewHeld (accept one)',
    fn: 'ratings',
    as: countyManager,
    prepare: async (p) => ({ ratingId: await heldRating(p) }),
    payload: (_i, _now, p) => ({ action: 'reviewHeld', ratingIds: [p.ratingId], decision: 'accept', note: '基准测试：核实属实' })
  },
  { name: 'ratings.stats (month)', fn: 'ratings', as: veteranOpenid, payload: () => ({ action: 'stats' }) },
  { name: 'ratings.stats (year)', fn: 'ratings', as: veteranOpenid, payload: (_i, now) => ({ action: 'stats', period: String(beijingYear(now)) }) },
  { name: 'ratings.listCases (active)', fn: 'ratings', as: countyManager, payload: () => ({ action: 'listCases', status: 'active', limit: 20 }) },
  { name: 'ratings.listCases (all)', fn: 'ratings', as: countyManager, payload: () => ({ action: 'listCases', status: 'all', limit: 20 }) },

  // ---- the ledger (a new demand per state change, created before the measured call)
  {
    name: 'demands.create (cadre)',
    fn: 'demands',
    as: veteranOpenid,
    payload: (i) => ({ action: 'create', submissionId: randomUUID(), area: 'employment', urgency: 'general', text: `基准测试：想找份工作（${i}）` })
  },
  {
    name: 'demands.create (resident via QR)',
    fn: 'demands',
    as: resident,
    prepare: async (p) => ({ scene: await sharedScene(p) }),
    payload: (i, _now, p) => ({ action: 'create', submissionId: randomUUID(), scene: p.scene, area: 'living', urgency: 'urgent', text: `基准测试：自来水停了（${i}）` })
  },
  // 语音留言: where the phone puts it, a browser's upload, a report carrying one (its bytes read and measured), playing it.
  {
    name: 'demands.prepareVoice (resident)',
    fn: 'demands',
    as: resident,
    prepare: async (p) => ({ scene: await sharedScene(p) }),
    payload: (_i, _now, p) => ({ action: 'prepareVoice', scene: p.scene, format: 'mp3' })
  },
  {
    name: 'demands.uploadVoice (resident, 10 s)',
    fn: 'demands',
    as: resident,
    prepare: async (p) => ({ scene: await sharedScene(p) }),
    payload: (_i, _now, p) => ({ action: 'uploadVoice', scene: p.scene, format: 'mp3', contentBase64: silentMp3(10).toString('base64') })
  },
  {
    name: 'demands.create (resident with a 10 s voice)',
    fn: 'demands',
    as: resident,
    prepare: async (p) => {
      const scene = await sharedScene(p)
      const contentBase64 = silentMp3(10).toString('base64')
      const up = ok<{ fileID: string }>(await callAs(p.url, resident(p.i, p.now), 'demands', { action: 'uploadVoice', scene, format: 'mp3', contentBase64 }), 'a voice message')
      return { scene, fileID: up.fileID }
    },
    payload: (_i, _now, p) => ({ action: 'create', submissionId: randomUUID(), scene: p.scene, area: 'living', voice: { fileID: p.fileID, durationMs: 10000 } })
  },
  {
    name: 'demands.voiceUrl',
    fn: 'demands',
    as: veteranOpenid,
    prepare: async (p) => {
      if (!p.memo.has('voiced')) {
        const scene = await sharedScene(p)
        const who = `bench-voice-${p.now.getTime()}`
        const contentBase64 = silentMp3(5).toString('base64')
        const up = ok<{ fileID: string }>(await callAs(p.url, who, 'demands', { action: 'uploadVoice', scene, format: 'mp3', contentBase64 }), 'a voice message')
        const d = ok<{ id: string }>(await callAs(p.url, who, 'demands', { action: 'create', submissionId: randomUUID(), scene, area: 'living', voice: { fileID: up.fileID, durationMs: 5000 } }), 'a voiced report')
        p.memo.set('voiced', d.id)
      }
      return { demandId: p.memo.get('voiced') }
    },
    payload: (_i, _now, p) => ({ action: 'voiceUrl', demandId: p.demandId })
  },
  {
    name: 'demands.resolve (立即解决)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, []),
    payload: (_i, _now, p) => ({ action: 'resolve', demandId: p.demandId, done: '当场解决了' })
  },
  {
    name: 'demands.finish (协调办结)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, ['coordinate']),
    payload: (_i, _now, p) => ({ action: 'finish', demandId: p.demandId, result: '住建局已修好' })
  },
  {
    name: 'demands.close (答复群众)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, ['resolve']),
    payload: (_i, _now, p) => ({ action: 'close', demandId: p.demandId, reply: '已当面告诉群众' })
  },
  { name: 'demands.list (all)', fn: 'demands', as: veteranOpenid, payload: () => ({ action: 'list', filter: 'all', limit: 20 }) },
  { name: 'demands.list (overdue)', fn: 'demands', as: veteranOpenid, payload: () => ({ action: 'list', filter: 'overdue', limit: 20 }) },
  {
    name: 'demands.get',
    fn: 'demands',
    as: veteranOpenid,
    prepare: async (p) => {
      if (!p.memo.has('demand')) p.memo.set('demand', (await demandIn(p, ['coordinate'])).demandId)
      return { demandId: p.memo.get('demand') }
    },
    payload: (_i, _now, p) => ({ action: 'get', demandId: p.demandId })
  },
  { name: 'demands.listOverdue (manager)', fn: 'demands', as: countyManager, payload: () => ({ action: 'listOverdue', limit: 20 }) },
  // Deadlines owned by the rules: triage, extensions, reports to a unit, entries set aside, 重办, and their queues.
  {
    name: 'demands.triage (a resident’s report)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: async (p) => {
      const scene = await sharedScene(p)
      const d = ok<{ id: string }>(await callAs(p.url, resident(p.i, p.now), 'demands', { action: 'create', submissionId: randomUUID(), scene, area: 'living', urgentHint: true, text: `基准测试：水管爆了（${p.i}）` }), 'a resident’s report')
      return { demandId: d.id }
    },
    payload: (_i, _now, p) => ({ action: 'triage', demandId: p.demandId, urgency: 'urgent' })
  },
  {
    name: 'demands.coordinate (a date past the deadline: a request)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, []),
    payload: (_i, _now, p) => ({ action: 'coordinate', demandId: p.demandId, department: '县住建局', deadline: p.until, reason: '部门排期' })
  },
  {
    name: 'demands.decideExtension (approve)',
    fn: 'demands',
    as: countyManager,
    prepare: (p) => demandIn(p, ['extension']),
    payload: (_i, _now, p) => ({ action: 'decideExtension', demandId: p.demandId, decision: 'approve', reason: '同意' })
  },
  {
    name: 'demands.report (to the county)',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, []),
    payload: (_i, _now, p) => ({ action: 'report', demandId: p.demandId, toOrgId: 'org-union-xining-chengdong', reason: '需要县里统筹', explanation: '已向县里反映' })
  },
  {
    name: 'demands.receiveReport (签收)',
    fn: 'demands',
    as: countyManager,
    prepare: (p) => demandIn(p, ['report']),
    payload: (_i, _now, p) => ({ action: 'receiveReport', demandId: p.demandId })
  },
  {
    name: 'demands.answerReport',
    fn: 'demands',
    as: countyManager,
    prepare: (p) => demandIn(p, ['report']),
    payload: (_i, _now, p) => ({ action: 'answerReport', demandId: p.demandId, answer: '县里已统筹解决', outcome: 'answered' })
  },
  {
    name: 'demands.invalidate',
    fn: 'demands',
    as: veteranOpenid,
    prepare: (p) => demandIn(p, []),
    payload: (_i, _now, p) => ({ action: 'invalidate', demandId: p.demandId, kind: 'spam', reason: '广告' })
  },
  {
    name: 'demands.reinstate',
    fn: 'demands',
    as: countyManager,
    prepare: (p) => demandIn(p, ['invalidate']),
    payload: (_i, _now, p) => ({ action: 'reinstate', demandId: p.demandId, reason: '核实确有其事' })
  },
  {
    name: 'demands.reopen (重办)',
    fn: 'demands',
    as: countyManager,
    prepare: (p) => demandIn(p, ['resolve', 'close', 'ratedBadly']),
    payload: (_i, _now, p) => ({ action: 'reopen', demandId: p.demandId, reason: '群众不满意，重新办理' })
  },
  { name: 'demands.listExtensions (manager)', fn: 'demands', as: countyManager, payload: () => ({ action: 'listExtensions', limit: 20 }) },
  { name: 'demands.listReports (manager)', fn: 'demands', as: countyManager, payload: () => ({ action: 'listReports', limit: 20 }) },
  { name: 'demands.listInvalid (manager)', fn: 'demands', as: countyManager, payload: () => ({ action: 'listInvalid', limit: 20 }) },
  { name: 'orgs.holidays', fn: 'orgs', as: countyManager, payload: (_i, now) => ({ action: 'holidays', year: beijingYear(now) }) },

  // ---- the diary and the reminder center
  { name: 'diary.add', fn: 'diary', as: veteranOpenid, payload: (i, now) => ({ action: 'add', entryId: `bench-${now.getTime()}-${i}`, text: '今天走访了三户，了解到用水困难' }) },
  { name: 'diary.list', fn: 'diary', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'reminders.list', fn: 'reminders', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'reminders.getBadge', fn: 'reminders', as: veteranOpenid, payload: () => ({ action: 'getBadge' }) },

  // ---- rankings and the dashboard, read from what the rankings job wrote (run once after the load)
  { name: 'rankings.list (county cadres)', fn: 'rankings', as: countyManager, payload: () => ({ action: 'list', view: 'individuals', limit: 20 }) },
  { name: 'rankings.list (prefecture cadres)', fn: 'rankings', as: prefectureManager, payload: () => ({ action: 'list', view: 'individuals', limit: 20 }) },
  { name: 'rankings.list (province cadres)', fn: 'rankings', as: provinceAdmin, payload: () => ({ action: 'list', view: 'individuals', limit: 20 }) },
  {
    name: 'rankings.list (province cadres, page 2)',
    fn: 'rankings',
    as: provinceAdmin,
    prepare: async (p) => {
      if (!p.memo.has('rankCursor')) {
        const first = ok<{ nextCursor: string | null }>(await callAs(p.url, provinceAdmin, 'rankings', { action: 'list', view: 'individuals', limit: 20 }), 'the first ranking page')
        p.memo.set('rankCursor', first.nextCursor)
      }
      return { cursor: p.memo.get('rankCursor') }
    },
    payload: (_i, _now, p) => ({ action: 'list', view: 'individuals', limit: 20, ...(p.cursor ? { cursor: p.cursor } : {}) })
  },
  { name: 'rankings.list (prefecture units)', fn: 'rankings', as: prefectureManager, payload: () => ({ action: 'list', view: 'units', limit: 20 }) },
  // refused before reading: another prefecture's node, a period nobody computed
  { name: 'rankings.list (refused: another subtree)', fn: 'rankings', as: countyManager, payload: () => ({ action: 'list', view: 'units', orgId: 'org-union-haidong', period: '2021-01' }), refused: true },
  { name: 'rankings.mine', fn: 'rankings', as: veteranOpenid, payload: () => ({ action: 'mine' }) },
  { name: 'rankings.getList (县 表彰 draft)', fn: 'rankings', as: countyManager, payload: () => ({ action: 'getList', kind: 'honours', refresh: true }) },
  { name: 'dashboard.node (county)', fn: 'dashboard', as: countyManager, payload: () => ({ action: 'node' }) },
  { name: 'dashboard.node (province)', fn: 'dashboard', as: provinceAdmin, payload: () => ({ action: 'node' }) },
  { name: 'dashboard.cadre', fn: 'dashboard', as: countyManager, payload: () => ({ action: 'cadre', cadreId: VETERAN }) },
  { name: 'dashboard.cadre (year)', fn: 'dashboard', as: countyManager, payload: (_i, now) => ({ action: 'cadre', cadreId: VETERAN, period: String(beijingYear(now)) }) },

  // ---- 请假/培训/抽调 and 蹲点; a resident's confirmation of a 外勤
  {
    name: 'visit.recordPeriod (请假, by the cadre)',
    fn: 'visit',
    as: veteranOpenid,
    // A span of its own per call (spans of one family may not overlap), well ahead of today.
    payload: (i, now) => ({ action: 'recordPeriod', submissionId: `bench-span-${now.getTime()}-${i}`, kind: 'leave', from: ahead(now, 40 + 2 * i), to: ahead(now, 40 + 2 * i), note: '' })
  },
  {
    name: 'visit.reviewPeriod (approve a 2-day 蹲点)',
    fn: 'visit',
    as: (i) => adminOf(i),
    // Each call another cadre's stay of the last two days (one cadre has room for only so many).
    prepare: async (p) => {
      const span = ok<{ id: string }>(
        await callAs(p.url, `openid-bench-cadre-${stayCadre(p.i)}`, 'visit', {
          action: 'recordPeriod', submissionId: `bench-stay-${p.now.getTime()}-${p.i}`, kind: 'stay', from: ahead(p.now, -2), to: ahead(p.now, -1), place: '牧区定居点', note: ''
        }),
        'a 蹲点'
      )
      return { periodId: span.id }
    },
    payload: (_i, _now, p) => ({ action: 'reviewPeriod', periodId: p.periodId, decision: 'approve' })
  },
  { name: 'visit.periods', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'periods', limit: 20 }) },
  { name: 'visit.pendingPeriods (manager)', fn: 'visit', as: countyManager, payload: () => ({ action: 'pendingPeriods', limit: 20 }) },
  { name: 'visit.confirmation (resident scans)', fn: 'visit', as: resident, prepare: async (p) => ({ scene: await sharedScene(p) }), payload: (_i, _now, p) => ({ action: 'confirmation', scene: p.scene }) },
  {
    name: 'visit.confirm (a 外勤, by a resident)',
    fn: 'visit',
    as: resident,
    // Each call another cadre's 外勤 (a cadre has 4 a month), away from their point, and its code.
    prepare: async (p) => {
      const openid = `openid-bench-cadre-${confirmCadre(p.i)}`
      const overview = ok<{ points: { id: string; location: { lat: number; lng: number } }[] }>(await callAs(p.url, openid, 'points', { action: 'overview' }), 'the cadre’s point')
      const pt = overview.points[0]
      const at = p.now.toISOString()
      const visit = ok<{ visit: { id: string } }>(
        await callAs(p.url, openid, 'visit', {
          action: 'checkIn', submissionId: `bench-far-${p.now.getTime()}-${p.i}`, pointId: pt.id, reason: '牧民转场，到夏季草场走访',
          fix: { lat: pt.location.lat + 0.03, lng: pt.location.lng, accuracy: 15, capturedAt: at }, deviceNow: at, offline: false
        }),
        'a 外勤'
      )
      return { scene: ok<{ scene: string }>(await callAs(p.url, openid, 'ratings', { action: 'qr', kind: 'visit', targetId: visit.visit.id }), 'its QR code').scene }
    },
    payload: (_i, _now, p) => ({ action: 'confirm', scene: p.scene })
  },
  { name: 'orgs.tree (province)', fn: 'orgs', as: provinceAdmin, payload: () => ({ action: 'tree' }) },
  { name: 'orgs.members (county)', fn: 'orgs', as: countyManager, payload: () => ({ action: 'members', orgId: 'org-union-xining-chengdong', limit: 20 }) },
  { name: 'feedback.list (admin)', fn: 'feedback', as: provinceAdmin, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'exemplars.feed', fn: 'exemplars', as: veteranOpenid, payload: () => ({ action: 'feed', limit: 10 }) },

  // ---- 调查问卷 (the veteran's survey holds sizes.surveyAnswers answers), 四个百家, 三问, 批阅, packs
  { name: 'surveys.open (resident scans)', fn: 'surveys', as: resident, payload: () => ({ action: 'open', scene: BENCH_SURVEY }) },
  {
    name: 'surveys.answer (resident)',
    fn: 'surveys',
    as: resident,
    payload: (i) => ({ action: 'answer', scene: BENCH_SURVEY, answers: { q1: ['o1', 'o3'], q2: 'o3', ...(i % 2 ? { q3: `基准测试：希望有校车（${i}）` } : {}) } })
  },
  { name: 'surveys.results', fn: 'surveys', as: veteranOpenid, payload: () => ({ action: 'results', surveyId: BENCH_SURVEY }) },
  { name: 'surveys.texts', fn: 'surveys', as: veteranOpenid, payload: () => ({ action: 'texts', surveyId: BENCH_SURVEY, questionId: 'q3', limit: 20 }) },
  { name: 'surveys.list', fn: 'surveys', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'households.fourHundred', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'fourHundred' }) },
  { name: 'voices.list', fn: 'voices', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'reviews.inbox (county diaries)', fn: 'reviews', as: countyManager, payload: () => ({ action: 'inbox', targetKind: 'diary', limit: 20 }) },
  { name: 'packs.get (cadre, month)', fn: 'packs', as: veteranOpenid, payload: (_i, now) => ({ action: 'get', period: beijingMonth(now) }) }
]
