/**
 * The access-control matrix: every action of the api registry called as every kind of caller
 * (cloudfunctions/access.ts) with a valid payload that targets the owning cadre's data, compared cell by
 * cell with the table; then the privacy walk over what cadres and residents were shown.
 * An action of the registry without a row in the table, or without a payload factory here, fails the
 * suite by name: new actions are never silently left out.
 */
import { randomUUID } from 'node:crypto'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { database } from '@/types/database'
import { templateId, type TemplateKey } from '@/types/reminders'
import { caseIdFor } from '@/cloudfunctions/_lib/service'
import { callerKinds, ruleOf, type CallerKind } from '@/cloudfunctions/access'
import { callFrom, loopback } from '../helpers/gateway'
import { callAnonymous, callRaw, functionsDir, privacyIndex, privacyViolations, registryActions, type CallOutcome, type Observed } from '../helpers/harness'
import { scaled } from '../helpers/time-scale'
import { silentMp3 } from '../helpers/voice'

// Every action × eight kinds of caller, one after another: several hundred calls on a shared machine.
jest.setTimeout(scaled(300_000))

const demo = buildDemoData()
const openidOf: Record<Exclude<CallerKind, 'anonymous'>, string> = {
  resident: 'o-matrix-resident',
  owner: demoAccounts.cadre, // demo-women-xining-chengdong-cadre-1
  peerCadre: 'demo-women-xining-chengdong-cadre-2',
  countyManager: demoAccounts.countyManager, // demo-women-xining-chengdong-manager
  siblingManager: 'demo-women-xining-chengzhong-manager',
  otherSystemManager: 'demo-union-xining-chengdong-manager',
  provinceAdmin: demoAccounts.admin // demo-women-admin
}
const owner = demo.users.find((u) => u.openid === openidOf.owner)!
const ownerPoint = demo.liaisonPoints.find((p) => p.cadreId === owner._id)!
const pendingVisit = demo.visits.find((v) => v.cadreId === owner._id && v.status === 'pending')!
const ownerHousehold = demo.households.find((h) => h.cadreId === owner._id)!

type Payload = Record<string, unknown>
interface Fixtures {
  url: string
  call(openid: string, fn: string, data: Payload): Promise<CallOutcome>
  ok<T>(openid: string, fn: string, data: Payload): Promise<T>
  visitId: string
  pointId: string
  /** The SDK as a phone's own upload (Taro.cloud.uploadFile) puts a file in storage. */
  sdk: { uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<unknown> }
}

const near = (p: { lat: number; lng: number }) => ({ lat: p.lat + 0.0004, lng: p.lng })
const checkInEvent = () => ({
  submissionId: randomUUID(),
  pointId: ownerPoint._id,
  fix: { ...near(ownerPoint.location), accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() },
  deviceNow: new Date().toISOString()
})

// 民情日记 / 调研报告 fixtures of the owner (a report per call where the call may use it up).
const tinyPdf = Buffer.from('%PDF-1.4 矩阵测试').toString('base64')
let ownerEntryId: string | undefined
const ownerEntry = async (f: Fixtures) =>
  (ownerEntryId ??= (await f.ok<{ id: string }>(openidOf.owner, 'diary', { action: 'add', entryId: randomUUID(), text: '矩阵测试日记' })).id)
const ownerUpload = (f: Fixtures) =>
  f.ok<{ fileID: string; name: string; size: number }>(openidOf.owner, 'diary', { action: 'upload', kind: 'report', name: '矩阵.pdf', contentBase64: tinyPdf })
const ownerReport = async (f: Fixtures) => {
  const up = await ownerUpload(f)
  return (await f.ok<{ id: string }>(openidOf.owner, 'diary', { action: 'addReport', reportId: randomUUID(), title: '矩阵测试报告', ...up })).id
}

// 办实事 / 群众点评 fixtures of the owner: a demand of the owner's ledger moved through the given steps (afresh per
// cell: a step uses its state up), the owner's visit QR scene, and ratings of that visit by residents who rate once.
const ownerDemand = async (f: Fixtures, ...steps: Payload[]) => {
  let d = await f.ok<{ id: string; sceneCode: string | null }>(openidOf.owner, 'demands', {
    action: 'create',
    submissionId: randomUUID(),
    area: 'living',
    text: '矩阵测试诉求',
    contactName: '王大姐',
    contactPhone: '13900002468'
  })
  for (const step of steps) d = await f.ok(openidOf.owner, 'demands', { ...step, demandId: d.id })
  return d
}
const resolved = { action: 'resolve', done: '当场解决了' }
const coordinating = { action: 'coordinate', department: '城东区住建局' }
const closed = { action: 'close', reply: '已经答复群众' }
const reportedToCounty = () => ({ action: 'report', toOrgId: owner.orgId, reason: '需要区里统筹', explanation: '已向群众说明' })
const setAside = { action: 'invalidate', kind: 'spam', reason: '矩阵测试：无效信息' }
/** A resident's report through the owner's visit code: untriaged, for the owner or a manager to triage. */
const residentReport = async (f: Fixtures) =>
  f.ok<{ id: string }>(`o-matrix-reporter-${randomUUID()}`, 'demands', {
    action: 'create',
    submissionId: randomUUID(),
    scene: await ownerVisitScene(f),
    area: 'living',
    text: '矩阵测试：群众反映',
    urgentHint: true
  })
/** An owner's demand with an extension request waiting (the latest date the rules let the owner ask for). */
const withExtensionRequest = async (f: Fixtures) => {
  const d = await ownerDemand(f)
  const bounds = (await f.ok<{ deadlineBounds: { maxExtension: string } }>(openidOf.owner, 'demands', { action: 'get', demandId: d.id })).deadlineBounds
  await f.ok(openidOf.owner, 'demands', { action: 'requestExtension', demandId: d.id, until: bounds.maxExtension, reason: '矩阵测试：部门需要更多时间' })
  return { demandId: d.id, until: bounds.maxExtension }
}
/** An owner's demand answered and rated 不满意 by the person: a manager may order it handled again. */
const ratedBadly = async (f: Fixtures) => {
  const d = await ownerDemand(f, resolved, closed)
  await f.ok(`o-matrix-rater-${randomUUID()}`, 'ratings', { action: 'rate', scene: d.sceneCode, level: 'dissatisfied', tags: ['问题没解决'] })
  return d.id
}
/** A resident's report through the owner's visit code with a voice message (WeChat's path: prepare, then upload). */
const residentVoiceReport = async (f: Fixtures) => {
  const reporter = `o-matrix-voice-${randomUUID()}`
  const scene = await ownerVisitScene(f)
  const { cloudPath } = await f.ok<{ cloudPath: string }>(reporter, 'demands', { action: 'prepareVoice', scene, format: 'mp3' })
  const { fileID } = (await f.sdk.uploadFile({ cloudPath, fileContent: silentMp3(3) })) as { fileID: string }
  return f.ok<{ id: string }>(reporter, 'demands', { action: 'create', submissionId: randomUUID(), scene, area: 'living', voice: { fileID, durationMs: 3000 } })
}
let visitSceneCode: string | undefined
const ownerVisitScene = async (f: Fixtures) =>
  (visitSceneCode ??= (await f.ok<{ scene: string }>(openidOf.owner, 'ratings', { action: 'qr', kind: 'visit', targetId: f.visitId })).scene)
/**
 * Ratings of the owner for the cells that need one: residents each on their own network (a loopback address of
 * their own) rating a 座谈会 of the owner recorded with 300 people, so every one counts; and a held one — a plain
 * visit without a record already rated by as many as it plausibly takes, so the next rating waits for review.
 */
let rater = 0
const rateFrom = async (f: Fixtures, scene: string, bad = false) => {
  const n = rater++
  const out = await callFrom<{ rating: { id: string } }>(f.url, loopback(n), `o-matrix-rater-${n}-${randomUUID().slice(0, 6)}`, 'ratings', {
    action: 'rate',
    scene,
    ...(bad ? { level: 'dissatisfied', tags: ['问题没解决'] } : { level: 'satisfied', tags: ['服务态度好'] })
  })
  if (!out.reply?.ok) throw new Error(`fixture rating failed: ${JSON.stringify(out.reply) ?? out.status}`)
  return out.reply.data.rating.id
}
let spanNo = 0
const nextSpan = () => {
  const from = new Date(Date.now() + (100 + 3 * spanNo++) * 86_400_000).toISOString().slice(0, 10)
  return { submissionId: randomUUID(), kind: 'training', from, to: from, note: '矩阵测试培训' }
}
const ownerPendingSpan = async (f: Fixtures) => (await f.ok<{ id: string }>(openidOf.owner, 'visit', { action: 'recordPeriod', ...nextSpan() })).id

const newVisitScene = async (f: Fixtures, record?: Payload) => {
  const visit = await f.ok<{ visit: { id: string } }>(openidOf.owner, 'visit', { action: 'checkIn', ...checkInEvent() })
  if (record) await f.ok(openidOf.owner, 'visit', { action: 'saveRecord', visitId: visit.visit.id, category: 'village', ...record })
  return (await f.ok<{ scene: string }>(openidOf.owner, 'ratings', { action: 'qr', kind: 'visit', targetId: visit.visit.id })).scene
}
let forumScene: Promise<string> | undefined
let fullScene: Promise<string> | undefined
const ownerRating = async (f: Fixtures, bad = false) =>
  rateFrom(f, await (forumScene ??= newVisitScene(f, { method: 'forum', peopleMet: { count: 300 } })), bad)
const heldRating = async (f: Fixtures) => {
  const scene = await (fullScene ??= newVisitScene(f).then(async (s) => {
    for (let i = 0; i < 5; i++) await rateFrom(f, s)
    return s
  }))
  return rateFrom(f, scene)
}
/** Who may rate the owner's work (table row ratings.rate): residents only; staff are refused before any rating exists. */
const raters: readonly CallerKind[] = ['resident']

/** Reminders: consent only to a template of a kind the caller's role receives. */
const templateFor = (kind: CallerKind): TemplateKey =>
  kind === 'resident' || kind === 'anonymous' ? 'rateInvite' : kind === 'owner' || kind === 'peerCadre' ? 'progress' : 'summary'

// 组织和邀请: invites by the owner's county manager to the owner's county; a fresh cadre per cell for the
// cells that use one up. The resident's acceptInvite binds it: the next cell's factory unbinds it again (removeCadre),
// so the resident is a resident for every other action.
const ownerCounty = owner.orgId
const siblingCounty = 'org-women-xining-chengzhong'
const countyInvite = async (f: Fixtures) =>
  (await f.ok<{ invite: { code: string } }>(openidOf.countyManager, 'orgs', { action: 'createInvite', orgId: ownerCounty, role: 'cadre', name: '矩阵受邀人' }))
    .invite.code
const freshCadre = async (f: Fixtures) => {
  const code = await countyInvite(f)
  await f.ok(`o-matrix-joiner-${randomUUID()}`, 'orgs', { action: 'acceptInvite', code })
  return `user-i${code}`
}
let residentBoundAs: string | undefined
const unbindResident = async (f: Fixtures) => {
  if (!residentBoundAs) return
  await f.ok(openidOf.countyManager, 'orgs', { action: 'removeCadre', cadreId: residentBoundAs, reason: '矩阵测试复原' })
  residentBoundAs = undefined
}

// 导出报表 and 典型引路: one export job of the owner's county started by its manager (only they
// may read or continue it), and a counted visit of the owner that the county manager marks afresh where a cell
// takes it off the list.
let countyJobId: string | undefined
const countyJob = async (f: Fixtures) =>
  (countyJobId ??= (
    await f.ok<{ jobId: string }>(openidOf.countyManager, 'exports', {
      action: 'start',
      jobId: randomUUID(),
      kind: 'demands',
      orgId: owner.orgId,
      period: String(new Date().getUTCFullYear())
    })
  ).jobId)
const countedVisit = demo.visits.find((v) => v.cadreId === owner._id && v.status === 'counted')!
const exemplarWords = { title: '矩阵测试典型', summary: '矩阵测试：干部走访后当场解决了群众的难题。' }
const markedVisit = async (f: Fixtures) =>
  (await f.ok<{ id: string }>(openidOf.countyManager, 'exemplars', { action: 'mark', kind: 'visit', sourceId: countedVisit._id, ...exemplarWords })).id

// 调查问卷 of the owner: a draft afresh where a cell uses it up (edit, publish, remove), a published one shared by the
// reading cells, another afresh where a cell ends it.
const surveyQuestions = [
  { kind: 'single', text: '最需要哪方面的帮助？', options: [{ label: '就业' }, { label: '医疗' }] },
  { kind: 'text', text: '还有什么困难', required: false, options: [] }
]
const surveyFields = { title: '矩阵测试问卷', purpose: 'needs', questions: surveyQuestions }
const ownerDraft = async (f: Fixtures) => (await f.ok<{ id: string }>(openidOf.owner, 'surveys', { action: 'create', ...surveyFields })).id
const ownerOpenSurvey = async (f: Fixtures) => {
  const id = await ownerDraft(f)
  await f.ok(openidOf.owner, 'surveys', { action: 'publish', surveyId: id })
  return id
}
let sharedSurvey: string | undefined
const ownerSurvey = async (f: Fixtures) => (sharedSurvey ??= await ownerOpenSurvey(f))
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** A valid payload per action, aimed at the owner's data; created afresh per cell where a call uses it up. */
const payloads: Record<string, (f: Fixtures, kind: CallerKind) => Promise<Payload> | Payload> = {
  'user.me': () => ({}),
  'points.overview': () => ({ cadreId: owner._id }),
  'points.listCadres': () => ({}),
  'points.createPoint': () => ({ cadreId: owner._id, name: '矩阵测试联系点', kind: 'village', address: '西宁市城东区', location: near(ownerPoint.location) }),
  'points.updatePoint': (f) => ({ pointId: f.pointId, address: `西宁市城东区 ${Date.now()}` }),
  'points.addContact': () => ({ name: '矩阵联系人', relation: '社区书记', phone: '13900001234' }),
  'points.removeContact': async (f) => ({
    contactId: (await f.ok<{ id: string }>(openidOf.owner, 'points', { action: 'addContact', name: '待删联系人', relation: '书记', phone: '13900005678' })).id
  }),
  'visit.checkIn': () => checkInEvent(),
  'visit.saveRecord': (f) => ({ visitId: f.visitId, category: 'village', method: 'homeVisit', peopleMet: { count: 2 }, needs: '矩阵测试' }),
  'visit.get': (f) => ({ visitId: f.visitId }),
  'visit.list': () => ({ cadreId: owner._id }),
  'visit.progress': () => ({ cadreId: owner._id }),
  'visit.calendar': () => ({ cadreId: owner._id }),
  'visit.listPending': () => ({}),
  // Approving again with the same decision answers the same, so one pending 外勤 serves every cell.
  'visit.review': () => ({ visitId: pendingVisit._id, decision: 'approve', note: '情况属实' }),
  // 请假/培训/抽调: each cell's span on dates of its own (spans of one family may not overlap).
  'visit.recordPeriod': () => ({ cadreId: owner._id, ...nextSpan() }),
  'visit.reviewPeriod': async (f) => ({ periodId: await ownerPendingSpan(f), decision: 'approve', note: '同意' }),
  'visit.cancelPeriod': async (f) => ({ periodId: await ownerPendingSpan(f), note: '不去了' }),
  'visit.periods': () => ({ cadreId: owner._id }),
  'visit.pendingPeriods': () => ({}),
  // The owner's counted visit: a resident reads that no confirmation is needed, and confirming changes nothing.
  'visit.confirmation': async (f) => ({ scene: await ownerVisitScene(f) }),
  'visit.confirm': async (f) => ({ scene: await ownerVisitScene(f) }),
  'households.list': () => ({ cadreId: owner._id }),
  'households.create': () => ({ cadreId: owner._id, kind: 'leftBehind', displayName: '矩阵测试户', area: '东关大街社区' }),
  'households.update': () => ({ householdId: ownerHousehold._id, area: `东关大街社区 ${Date.now() % 1000} 号` }),
  'households.coverage': () => ({ cadreId: owner._id }),
  'households.book': () => ({ householdId: ownerHousehold._id }),
  'households.setProfile': () => ({ householdId: ownerHousehold._id, circumstances: '矩阵测试：老两口，儿子在外打工', needAreas: ['medical'] }),
  'households.addHelp': () => ({ householdId: ownerHousehold._id, entryId: randomUUID(), kind: 'care', what: '矩阵测试慰问', date: today() }),
  // Only the entry's writer takes it back: the owner writes one afresh per cell.
  'households.removeHelp': async (f) => ({
    householdId: ownerHousehold._id,
    helpId: (
      await f.ok<{ id: string }>(openidOf.owner, 'households', {
        action: 'addHelp',
        householdId: ownerHousehold._id,
        entryId: randomUUID(),
        kind: 'care',
        what: '待撤回的慰问',
        date: today()
      })
    ).id
  }),
  'households.linkDemand': async (f) => ({ householdId: ownerHousehold._id, demandId: (await ownerDemand(f)).id }),
  'households.fourHundred': () => ({ cadreId: owner._id }),
  'diary.add': () => ({ entryId: randomUUID(), text: '矩阵测试日记' }),
  'diary.update': async (f) => ({ entryId: await ownerEntry(f), text: `矩阵测试日记（${Date.now() % 1000}）` }),
  'diary.get': async (f) => ({ entryId: await ownerEntry(f) }),
  'diary.list': () => ({ cadreId: owner._id }),
  'diary.prepareUpload': () => ({ kind: 'report', name: '矩阵.pdf' }),
  'diary.upload': () => ({ kind: 'report', name: '矩阵.pdf', contentBase64: tinyPdf }),
  'diary.addReport': async (f) => ({ reportId: randomUUID(), title: '矩阵测试报告', ...(await ownerUpload(f)) }),
  'diary.listReports': () => ({ cadreId: owner._id }),
  'diary.reportUrl': async (f) => ({ reportId: await ownerReport(f) }),
  'diary.removeReport': async (f) => ({ reportId: await ownerReport(f) }),
  'demands.create': () => ({
    submissionId: randomUUID(),
    area: 'living',
    urgency: 'general',
    text: '矩阵测试诉求',
    contactName: '李大爷',
    contactPhone: '13900002469'
  }),
  'demands.resolve': async (f) => ({ demandId: (await ownerDemand(f)).id, done: '当场解决了' }),
  'demands.coordinate': async (f) => ({ demandId: (await ownerDemand(f)).id, department: '城东区住建局' }),
  'demands.progress': async (f) => ({ demandId: (await ownerDemand(f, coordinating)).id, note: '住建局已到现场' }),
  'demands.supervise': async (f) => ({ demandId: (await ownerDemand(f)).id, note: '请尽快办理' }),
  'demands.finish': async (f) => ({ demandId: (await ownerDemand(f, coordinating)).id, result: '住建局已修好' }),
  'demands.report': async (f) => ({ demandId: (await ownerDemand(f)).id, toOrgId: owner.orgId, reason: '需要区里统筹', explanation: '已向群众说明' }),
  'demands.close': async (f) => ({ demandId: (await ownerDemand(f, resolved)).id, reply: '已经答复群众' }),
  'demands.get': async (f) => ({ demandId: (await ownerDemand(f)).id }),
  'demands.list': () => ({ cadreId: owner._id }),
  'demands.listOverdue': () => ({}),
  'demands.triage': async (f) => ({ demandId: (await residentReport(f)).id, urgency: 'urgent', note: '矩阵测试：确实紧急' }),
  'demands.requestExtension': async (f) => {
    const d = await ownerDemand(f)
    const bounds = (await f.ok<{ deadlineBounds: { maxExtension: string } }>(openidOf.owner, 'demands', { action: 'get', demandId: d.id })).deadlineBounds
    return { demandId: d.id, until: bounds.maxExtension, reason: '矩阵测试：部门需要更多时间' }
  },
  'demands.decideExtension': async (f) => ({ demandId: (await withExtensionRequest(f)).demandId, decision: 'approve', reason: '矩阵测试：同意' }),
  'demands.listExtensions': () => ({}),
  'demands.receiveReport': async (f) => ({ demandId: (await ownerDemand(f, reportedToCounty())).id }),
  'demands.answerReport': async (f) => ({ demandId: (await ownerDemand(f, reportedToCounty())).id, answer: '矩阵测试：区里已协调', outcome: 'answered' }),
  'demands.listReports': () => ({}),
  'demands.invalidate': async (f) => ({ demandId: (await ownerDemand(f)).id, kind: 'spam', reason: '矩阵测试：无效信息' }),
  'demands.reinstate': async (f) => ({ demandId: (await ownerDemand(f, setAside)).id, reason: '矩阵测试：确有其事' }),
  'demands.listInvalid': () => ({}),
  'demands.reopen': async (f) => ({ demandId: await ratedBadly(f), reason: '矩阵测试：群众不满意，重新办理' }),
  'demands.prepareVoice': async (f) => ({ scene: await ownerVisitScene(f), format: 'mp3' }),
  'demands.uploadVoice': async (f) => ({ scene: await ownerVisitScene(f), format: 'mp3', contentBase64: silentMp3(2).toString('base64') }),
  'demands.voiceUrl': async (f) => ({ demandId: (await residentVoiceReport(f)).id }),
  'ratings.landing': async (f) => ({ scene: await ownerVisitScene(f) }),
  // Each kind rates the owner's visit once.
  'ratings.rate': async (f) => ({ scene: await ownerVisitScene(f), level: 'satisfied', tags: ['服务态度好'], comment: '矩阵测试评价' }),
  // A 追评 needs the caller's own rating: those who may rate rate a freshly answered demand of the owner first.
  'ratings.followUp': async (f, kind) => {
    const scene = (await ownerDemand(f, resolved, closed)).sceneCode!
    if (raters.includes(kind))
      await f.ok(openidOf[kind as Exclude<CallerKind, 'anonymous'>], 'ratings', { action: 'rate', scene, level: 'satisfied', tags: [] })
    return { scene, comment: '矩阵测试追评' }
  },
  'ratings.listMine': () => ({ cadreId: owner._id }),
  'ratings.summary': () => ({ cadreId: owner._id }),
  'ratings.listRequests': () => ({}),
  'ratings.listHeld': () => ({}),
  'ratings.reviewHeld': async (f) => ({ ratingIds: [await heldRating(f)], decision: 'accept', note: '核实是同一户的几次走访' }),
  'ratings.appeal': async (f) => ({ ratingId: await ownerRating(f), reason: '这位群众评错了人' }),
  'ratings.decideAppeal': async (f) => ({ ratingId: await ownerRating(f), decision: 'void', reason: '评错了人' }),
  'ratings.listAppeals': () => ({}),
  'ratings.listCases': () => ({}),
  'ratings.revisit': async (f) => ({ caseId: caseIdFor(await ownerRating(f, true)), note: '已电话回访' }),
  'ratings.rectify': async (f) => {
    const caseId = caseIdFor(await ownerRating(f, true))
    await f.ok(openidOf.countyManager, 'ratings', { action: 'revisit', caseId, note: '已电话回访' })
    return { caseId, result: '已整改到位' }
  },
  'ratings.stats': () => ({ cadreId: owner._id }),
  'ratings.qr': (f) => ({ kind: 'visit', targetId: f.visitId }),
  'orgs.tree': () => ({ orgId: ownerCounty }),
  'orgs.members': () => ({ orgId: ownerCounty }),
  'orgs.createInvite': () => ({ orgId: ownerCounty, role: 'cadre', name: '矩阵受邀人' }),
  'orgs.listInvites': () => ({ orgId: ownerCounty }),
  'orgs.revokeInvite': async (f) => ({ code: await countyInvite(f) }),
  'orgs.peekInvite': async (f) => ({ code: await countyInvite(f) }),
  'orgs.acceptInvite': async (f, kind) => {
    await unbindResident(f)
    const code = await countyInvite(f)
    if (kind === 'resident') residentBoundAs = `user-i${code}`
    return { code }
  },
  'orgs.moveCadre': async (f) => {
    await unbindResident(f)
    return { cadreId: await freshCadre(f), toOrgId: siblingCounty }
  },
  'orgs.removeCadre': async (f) => ({ cadreId: await freshCadre(f) }),
  'orgs.getRules': () => ({ orgId: ownerCounty }),
  // The default value: the county's override changes no deadline the other cells rely on.
  'orgs.setRules': () => ({ orgId: ownerCounty, year: new Date().getUTCFullYear(), values: { ratingWindowDays: 7 } }),
  'orgs.ruleHistory': () => ({ orgId: ownerCounty }),
  'orgs.holidays': () => ({ year: new Date().getUTCFullYear() }),
  // A far year: no deadline of the other cells reads it.
  'orgs.loadHolidays': () => ({ year: 2099, holidays: ['2099-10-01', '2099-10-02'], workdays: [] }),
  'feedback.submit': () => ({ submissionId: randomUUID(), kind: 'suggestion', to: 'women', text: '矩阵测试的建议内容', contactPhone: '13900003579' }),
  'feedback.listMine': () => ({}),
  'feedback.list': () => ({}),
  'feedback.answer': async (f) => ({
    feedbackId: (
      await f.ok<{ id: string }>(`o-matrix-feedback-${randomUUID()}`, 'feedback', {
        action: 'submit',
        submissionId: randomUUID(),
        kind: 'complaint',
        to: 'women',
        text: '矩阵测试的投诉内容'
      })
    ).id,
    text: '已经收到，正在处理'
  }),
  // Reminders act on the caller's own: every payload is valid for the caller kind it is sent as.
  'reminders.overview': () => ({}),
  'reminders.consent': (_f, kind) => ({ templateIds: [templateId(templateFor(kind))] }),
  'reminders.settings': () => ({ off: ['monthlySummary'] }),
  'reminders.list': () => ({ limit: 20 }),
  'reminders.getBadge': () => ({}),
  'reminders.markRead': () => ({ all: true }),
  'exports.start': () => ({ jobId: randomUUID(), kind: 'demands', orgId: owner.orgId, period: String(new Date().getUTCFullYear()) }),
  'exports.continue': async (f) => ({ jobId: await countyJob(f) }),
  'exports.status': async (f) => ({ jobId: await countyJob(f) }),
  'exports.list': () => ({}),
  'exemplars.mark': () => ({ kind: 'visit', sourceId: countedVisit._id, ...exemplarWords }),
  'exemplars.unmark': async (f) => ({ exemplarId: await markedVisit(f) }),
  'exemplars.feed': () => ({}),
  'exemplars.candidates': () => ({ kind: 'visit' }),
  'reconcile.lastReport': () => ({}),
  'dashboard.node': () => ({ orgId: owner.orgId }),
  'dashboard.cadre': () => ({ cadreId: owner._id }),
  // 成效排行: the job has scored the demo (run once by the admin) so a page outside one's subtree has rows to refuse.
  'rankings.list': async (f) => (await ranked(f), { kind: 'month', view: 'individuals', orgId: ownerCounty, level: 'county' }),
  'rankings.mine': async (f) => (await ranked(f), { kind: 'month', cadreId: owner._id }),
  'rankings.runNow': () => ({}),
  'rankings.getList': async (f) => (await ranked(f), { kind: 'honours', orgId: ownerCounty }),
  'rankings.editEntry': async (f) => ({ listId: await countyList(f, 'notices'), cadreId: owner._id, remove: false }),
  'rankings.publish': async (f) => ({ listId: await countyList(f, 'honours') }),
  'rankings.published': () => ({}),
  'surveys.templates': () => ({}),
  'surveys.pushTemplate': () => ({ templateId: randomUUID(), ...surveyFields }),
  'surveys.create': () => surveyFields,
  'surveys.update': async (f) => ({ surveyId: await ownerDraft(f), ...surveyFields, title: '矩阵测试问卷（改）' }),
  'surveys.publish': async (f) => ({ surveyId: await ownerDraft(f) }),
  'surveys.close': async (f) => ({ surveyId: await ownerOpenSurvey(f) }),
  'surveys.remove': async (f) => ({ surveyId: await ownerDraft(f) }),
  'surveys.list': () => ({ cadreId: owner._id }),
  'surveys.get': async (f) => ({ surveyId: await ownerSurvey(f) }),
  'surveys.results': async (f) => ({ surveyId: await ownerSurvey(f) }),
  'surveys.texts': async (f) => ({ surveyId: await ownerSurvey(f), questionId: 'q2' }),
  'surveys.qr': async (f) => ({ surveyId: await ownerSurvey(f) }),
  'surveys.open': async (f) => ({ scene: await ownerSurvey(f) }),
  'surveys.answer': async (f) => ({ scene: await ownerSurvey(f), answers: { q1: 'o1', q2: '矩阵测试的回答' } }),
  'surveys.paper': async (f) => ({ surveyId: await ownerSurvey(f), entryId: randomUUID(), answers: { q1: 'o2' } }),
  'voices.list': () => ({ cadreId: owner._id }),
  'reviews.mark': async (f) => ({ targetKind: 'diary', targetId: await ownerEntry(f), kind: 'read', reviewId: randomUUID() }),
  'reviews.list': async (f) => ({ targetKind: 'diary', targetId: await ownerEntry(f) }),
  'reviews.inbox': () => ({ targetKind: 'diary' }),
  'reviews.received': () => ({}),
  'packs.get': () => ({ cadreId: owner._id, period: today().slice(0, 7) }),
  // The village view: 城东区 (630102) is the owner's county; the other system's county manager serves it too.
  'places.search': () => ({ countyCode: '630102' }),
  'places.setPoint': (f) => ({ pointId: f.pointId, placeCode: '630102001001' }),
  'places.month': () => ({ placeCode: '630102001001' }),
  'places.county': () => ({ countyCode: '630102' }),
  'places.import': () => ({ places: [{ code: '630102009001', name: '矩阵测试社区', town: '矩阵测试街道' }] }),
  'places.setDivision': () => ({ orgId: ownerCounty, code: '630102' })
}

let rankedOnce: Promise<unknown> | undefined
const ranked = (f: Fixtures) => (rankedOnce ??= f.ok(openidOf.provinceAdmin, 'rankings', { action: 'runNow' }))
/** The owner's county's list of the month, drafted by its manager (the owner is named in 通报: behind the days pace). */
const countyList = async (f: Fixtures, kind: 'honours' | 'notices') => {
  await ranked(f)
  return (await f.ok<{ id: string }>(openidOf.countyManager, 'rankings', { action: 'getList', kind, orgId: ownerCounty })).id
}

const actions = registryActions()

describe('access-control matrix: every action × every kind of caller', () => {
  let emu: TestEmulator
  let cloud: unknown
  let fixtures: Fixtures
  const cells = new Map<string, { expected: string; actual: string; detail: string }>()
  const observed: { o: Observed; clearPhonesFrom?: readonly string[] }[] = []

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
    const call = (openid: string, fn: string, data: Payload) => callRaw(emu.url, openid, fn, data)
    const ok = async <T>(openid: string, fn: string, data: Payload): Promise<T> => {
      const out = await call(openid, fn, data)
      if (!out.reply?.ok) throw new Error(`fixture ${fn}.${String(data.action)} failed: ${JSON.stringify(out.reply ?? out.raw)}`)
      return out.reply.data as T
    }
    const visit = await ok<{ visit: { id: string } }>(openidOf.owner, 'visit', { action: 'checkIn', ...checkInEvent() })
    const point = await ok<{ id: string }>(openidOf.countyManager, 'points', {
      action: 'createPoint',
      cadreId: owner._id,
      name: '矩阵改动用联系点',
      kind: 'school',
      address: '西宁市城东区',
      location: near(ownerPoint.location)
    })
    fixtures = { url: emu.url, call, ok, visitId: visit.visit.id, pointId: point.id, sdk: cloud as Fixtures['sdk'] }
  })
  afterAll(() => emu?.stop())

  it('has a row in cloudfunctions/access.ts and a payload factory here for every action of the registry', () => {
    const noRow = actions.filter((a) => !ruleOf(a.fn, a.action)).map((a) => a.key)
    const noPayload = actions.filter((a) => !payloads[a.key]).map((a) => a.key)
    const problems = [
      ...(noRow.length ? [`no row in cloudfunctions/access.ts for: ${noRow.join(', ')}`] : []),
      ...(noPayload.length ? [`no payload factory in test/contract/access-matrix.test.ts for: ${noPayload.join(', ')}`] : [])
    ]
    expect(problems).toEqual([])
  })

  it('answers every cell as the table says', async () => {
    const covered = actions.filter((a) => ruleOf(a.fn, a.action) && payloads[a.key])
    for (const a of covered) {
      const rule = ruleOf(a.fn, a.action)!
      for (const kind of callerKinds) {
        const data = { action: a.action, ...(await payloads[a.key](fixtures, kind)) }
        const out = kind === 'anonymous' ? await callAnonymous(cloud, a.fn, data) : await callRaw(emu.url, openidOf[kind], a.fn, data)
        const r = out.reply
        const actual = !r ? `HTTP ${out.status}` : r.ok ? 'ok' : r.code
        cells.set(`${a.key}|${kind}`, { expected: rule.who[kind], actual, detail: r && !r.ok ? r.message : '' })
        if (r && (kind === 'owner' || kind === 'peerCadre' || kind === 'resident')) {
          observed.push({ o: { key: a.key, openid: openidOf[kind], request: data, reply: r }, clearPhonesFrom: rule.clearPhonesFrom })
        }
      }
    }
    const wrong = [...cells].filter(([, c]) => c.expected !== c.actual)
    if (wrong.length) {
      const width = Math.max(...covered.map((a) => a.key.length))
      const head = `${'action'.padEnd(width)}  ${callerKinds.map((k) => k.padEnd(20)).join('')}`
      const rows = covered.map(
        (a) =>
          `${a.key.padEnd(width)}  ${callerKinds
            .map((k) => {
              const c = cells.get(`${a.key}|${k}`)!
              return (c.expected === c.actual ? c.actual : `✗${c.actual}≠${c.expected}`).padEnd(20)
            })
            .join('')}`
      )
      const details = wrong.map(([key, c]) => `${key.replace('|', ' as ')}: expected ${c.expected}, got ${c.actual}${c.detail ? ` (${c.detail})` : ''}`)
      throw new Error(`${wrong.length} cells differ from cloudfunctions/access.ts:\n${head}\n${rows.join('\n')}\n\n${details.join('\n')}`)
    }
  })

  it('shows cadres and residents no one else’s phone number, ID number or openid', async () => {
    const index = await privacyIndex((cloud as { database(): unknown }).database(), Object.keys(database))
    const lines = observed.flatMap(({ o, clearPhonesFrom }) => privacyViolations(o, index, clearPhonesFrom))
    expect([...new Set(lines)]).toEqual([])
  })
})
