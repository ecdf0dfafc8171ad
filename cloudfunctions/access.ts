/**
 * Who may do what: one row per cloud function action, one cell per kind of caller, all relative to
 * "the owner" — the cadre whose data the call targets (their visit, their 两联, their registry …).
 * The handlers enforce it (cloudfunctions/_lib/auth.ts); test/contract/access-matrix.test.ts calls
 * every action as every kind of caller and fails on any cell that differs, and on any action of the
 * api registry that has no row here. The privacy walk reads `clearPhonesFrom`.
 */
import type { ActionName, FunctionName } from '@/types/api'
import type { CollectionName } from '@/types/database'
import type { ErrorCode } from '@/types/errors'

export const callerKinds = [
  /** No WeChat identity at all (a server-side call, a forged request). */
  'anonymous',
  /** A WeChat user who is not a cadre or manager: an unbound openid. */
  'resident',
  /** The cadre whose data the call targets. */
  'owner',
  /** Another cadre of the owner's county. */
  'peerCadre',
  /** The manager of the owner's county. */
  'countyManager',
  /** The manager of a sibling county (same system, same prefecture). */
  'siblingManager',
  /** The county manager of another system in the owner's own county. */
  'otherSystemManager',
  /** The province admin of the owner's system. */
  'provinceAdmin'
] as const
export type CallerKind = (typeof callerKinds)[number]

/** 'ok': the call succeeds; otherwise the error code a refusal must carry. */
export type Outcome = 'ok' | Extract<ErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND'>

export interface AccessRule {
  who: Record<CallerKind, Outcome>
  /**
   * Collections whose phone numbers this action may return in clear — only to the owner of the document
   * (its cadreId) and that cadre's managers. Any other phone number in clear is a privacy failure.
   */
  clearPhonesFrom?: readonly CollectionName[]
}

const managers: CallerKind[] = ['countyManager', 'siblingManager', 'otherSystemManager', 'provinceAdmin']
const staff: CallerKind[] = ['owner', 'peerCadre', ...managers]

/** The kinds in `ok` succeed; every other kind is refused, by default UNAUTHENTICATED without identity and FORBIDDEN otherwise. */
function allow(ok: readonly CallerKind[], extra: Omit<AccessRule, 'who'> & { denied?: Partial<Record<CallerKind, Outcome>> } = {}): AccessRule {
  const { denied, ...rest } = extra
  const who = Object.fromEntries(
    callerKinds.map((k) => [k, ok.includes(k) ? 'ok' : (denied?.[k] ?? (k === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'))])
  ) as Record<CallerKind, Outcome>
  return { ...rest, who }
}

/** The owner and the managers above them (their county's manager, their system's province admin). */
const ownerAndManagers = ['owner', 'countyManager', 'provinceAdmin'] as const
const ownersManagers = ['countyManager', 'provinceAdmin'] as const

export const access: { [F in FunctionName]?: { [A in ActionName<F>]?: AccessRule } } = {
  user: {
    /** Anyone with an identity: residents learn they are residents. */
    me: allow(['resident', ...staff])
  },
  points: {
    overview: allow(ownerAndManagers, { clearPhonesFrom: ['contacts'] }),
    /** Each manager lists their own subtree. */
    listCadres: allow(managers),
    createPoint: allow(ownersManagers),
    updatePoint: allow(ownersManagers),
    /** A cadre adds to their own list: the peer adds to theirs. */
    addContact: allow(['owner', 'peerCadre'], { clearPhonesFrom: ['contacts'] }),
    removeContact: allow(['owner'])
  },
  visit: {
    checkIn: allow(['owner']),
    saveRecord: allow(['owner']),
    get: allow(ownerAndManagers),
    list: allow(ownerAndManagers),
    progress: allow(ownerAndManagers),
    calendar: allow(ownerAndManagers),
    /** Each manager sees the 外勤 waiting in their own subtree. */
    listPending: allow(managers),
    review: allow(ownersManagers),
    /** 请假/培训/抽调 or 蹲点 of the owner: by the owner, or by their managers for them. */
    recordPeriod: allow(ownerAndManagers),
    /** Approving is the managers'; another subtree's span is not found. */
    reviewPeriod: allow(ownersManagers, { denied: { siblingManager: 'NOT_FOUND', otherSystemManager: 'NOT_FOUND' } }),
    /** The owner withdraws their pending span, their managers too; anyone else finds none. */
    cancelPeriod: allow(ownerAndManagers, { denied: { peerCadre: 'NOT_FOUND', siblingManager: 'NOT_FOUND', otherSystemManager: 'NOT_FOUND' } }),
    periods: allow(ownerAndManagers),
    /** Each manager's queue of their own subtree. */
    pendingPeriods: allow(managers),
    /** Whoever scans the owner's visit code learns whether they may confirm (staff are told they may not). */
    confirmation: allow(['resident', ...staff]),
    /** Only a resident confirms a visit. */
    confirm: allow(['resident'])
  },
  households: {
    list: allow(ownerAndManagers),
    create: allow(ownerAndManagers),
    update: allow(ownerAndManagers),
    coverage: allow(ownerAndManagers),
    // 一户一册 and 四个百家: the household's cadre and their managers keep the book.
    book: allow(ownerAndManagers),
    setProfile: allow(ownerAndManagers),
    addHelp: allow(ownerAndManagers),
    /** Only the entry's writer (here the owner wrote it). */
    removeHelp: allow(['owner']),
    linkDemand: allow(ownerAndManagers),
    fourHundred: allow(ownerAndManagers)
  },
  // 民情日记 and 调研报告 — read by the owner and their managers, written by the owner alone.
  diary: {
    /** A cadre writes in their own diary: the peer writes in theirs. */
    add: allow(['owner', 'peerCadre']),
    update: allow(['owner']),
    get: allow(ownerAndManagers),
    list: allow(ownerAndManagers),
    prepareUpload: allow(['owner', 'peerCadre']),
    upload: allow(['owner', 'peerCadre']),
    /** Only files from the caller's own folder: the peer cannot file the owner's upload. */
    addReport: allow(['owner']),
    listReports: allow(ownerAndManagers),
    reportUrl: allow(ownerAndManagers),
    removeReport: allow(['owner'])
  },
  // the owner is the cadre whose ledger entry, rating or case it is.
  demands: {
    /** Without a scene: a cadre's own ledger (the peer writes to theirs). Residents report through a scene. */
    create: allow(['owner', 'peerCadre'], { clearPhonesFrom: ['demands'] }),
    resolve: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    coordinate: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    progress: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    supervise: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    finish: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    report: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    close: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    get: allow(ownerAndManagers, { clearPhonesFrom: ['demands'] }),
    list: allow(ownerAndManagers, { clearPhonesFrom: ['demands'] }),
    listOverdue: allow(managers, { clearPhonesFrom: ['demands'] }),
    /** A resident's report: its cadre once (before it is overdue), the cadre's managers any time. */
    triage: allow(ownerAndManagers, { clearPhonesFrom: ['demands'] }),
    /** Only the cadre who owes the deadline asks; only a manager of that cadre decides. */
    requestExtension: allow(['owner'], { clearPhonesFrom: ['demands'] }),
    decideExtension: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    /** Each manager's own subtree. */
    listExtensions: allow(managers, { clearPhonesFrom: ['demands'] }),
    /** Reported to the owner's county: its managers and those above it 签收 and answer. */
    receiveReport: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    answerReport: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    /** Each manager's own unit's queue. */
    listReports: allow(managers, { clearPhonesFrom: ['demands'] }),
    invalidate: allow(ownerAndManagers, { clearPhonesFrom: ['demands'] }),
    /** Putting an entry back is the managers' check on what was set aside. */
    reinstate: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    listInvalid: allow(managers, { clearPhonesFrom: ['demands'] }),
    /** 重办 is ordered by a manager, never by the cadre whose round it undoes. */
    reopen: allow(ownersManagers, { clearPhonesFrom: ['demands'] }),
    /** A resident's voice message on their report through a code: only residents upload (staff write in their ledger). */
    prepareVoice: allow(['resident']),
    uploadVoice: allow(['resident']),
    /** Played by whoever may see the demand. */
    voiceUrl: allow(ownerAndManagers)
  },
  ratings: {
    /** Whoever scans (the page says why the owner and their managers may not rate). */
    landing: allow(['resident', ...staff]),
    /** Residents only: no staff account of any system rates (群众点评 is the residents' word). */
    rate: allow(['resident']),
    followUp: allow(['resident']),
    /** Single ratings are for the cadre's managers; the rated cadre sees aggregates and stripped 整改 requests. */
    listMine: allow(ownersManagers),
    summary: allow(ownerAndManagers),
    /** A cadre reads their own requests: the peer reads theirs. */
    listRequests: allow(['owner', 'peerCadre']),
    /** Each manager reviews the held ratings of their own subtree. */
    listHeld: allow(managers),
    reviewHeld: allow(ownersManagers),
    appeal: allow(['owner']),
    decideAppeal: allow(ownersManagers),
    listAppeals: allow(managers),
    listCases: allow(managers, { clearPhonesFrom: ['badReviewCases'] }),
    revisit: allow(ownersManagers, { clearPhonesFrom: ['badReviewCases'] }),
    rectify: allow(ownersManagers, { clearPhonesFrom: ['badReviewCases'] }),
    stats: allow(ownerAndManagers),
    qr: allow(['owner'])
  },
  // the owner's county node is the target (its manager and the province admin manage it).
  orgs: {
    tree: allow(ownersManagers),
    members: allow(ownersManagers),
    createInvite: allow(ownersManagers),
    listInvites: allow(ownersManagers),
    revokeInvite: allow(ownersManagers),
    /** What a code invites to: for the unbound only (a bound account can accept nothing and is told so). */
    peekInvite: allow(['resident']),
    /** Only an unbound account binds: a bound one (any role) is refused, so nobody raises their own role. */
    acceptInvite: allow(['resident']),
    /** To a sibling county: only the province admin reaches both; the county manager's subtree ends at the county. */
    moveCadre: allow(['provinceAdmin']),
    removeCadre: allow(ownersManagers),
    /** The rules that apply to a node: its own people (cadres included) and the managers above. */
    getRules: allow(['owner', 'peerCadre', ...ownersManagers]),
    setRules: allow(ownersManagers),
    ruleHistory: allow(['owner', 'peerCadre', ...ownersManagers]),
    /** The official working days: every member of staff may read them. */
    holidays: allow(staff),
    /** Loaded by a province admin (the schedule is national; any system's admin may load it). */
    loadHolidays: allow(['provinceAdmin'])
  },
  // 投诉建议 — anyone sends and reads their own; the province admin answers.
  feedback: {
    submit: allow(['resident', ...staff]),
    listMine: allow(['resident', ...staff]),
    list: allow(['provinceAdmin']),
    answer: allow(['provinceAdmin'])
  },
  // the nightly reconciliation (timer or server-side `run`, no registry action); its report is
  // read by a province admin, who sees the drift found in their own system only.
  reconcile: {
    lastReport: allow(['provinceAdmin'])
  },
  // 数据看板 — a node of the caller's subtree (here the owner's county) and its cadres.
  dashboard: {
    node: allow(ownersManagers),
    cadre: allow(ownersManagers)
  },
  // every action acts on the caller's own reminders (their openid): anyone with an identity, for themselves.
  // The sender (`run`, timer or server-side call) is no registry action.
  reminders: {
    overview: allow(['resident', ...staff]),
    /** Templates of the kinds the caller's role receives (others are BAD_REQUEST, not a matter of access). */
    consent: allow(['resident', ...staff]),
    settings: allow(['resident', ...staff]),
    list: allow(['resident', ...staff]),
    getBadge: allow(['resident', ...staff]),
    markRead: allow(['resident', ...staff])
  },
  // exports of a manager's subtree; a job is its starter's alone (others' job ids are not found).
  exports: {
    /** Of the owner's county: its managers up the tree; a sibling county's or another system's manager is refused. */
    start: allow(ownersManagers),
    /** Staff may have jobs of their own (a cadre's pack or survey answers): another's job id is simply not found. */
    continue: allow(['countyManager'], {
      denied: { owner: 'NOT_FOUND', peerCadre: 'NOT_FOUND', siblingManager: 'NOT_FOUND', otherSystemManager: 'NOT_FOUND', provinceAdmin: 'NOT_FOUND' }
    }),
    status: allow(['countyManager'], {
      denied: { owner: 'NOT_FOUND', peerCadre: 'NOT_FOUND', siblingManager: 'NOT_FOUND', otherSystemManager: 'NOT_FOUND', provinceAdmin: 'NOT_FOUND' }
    }),
    /** Each manager's own jobs. */
    list: allow(managers)
  },
  // 典型引路 — marked by the managers of the record's unit, read by everyone of the system.
  exemplars: {
    mark: allow(ownersManagers),
    unmark: allow(ownersManagers),
    /** Each caller reads their own system's feed (the other system's manager reads theirs). */
    feed: allow(staff),
    /** Each manager picks from their own subtree. */
    candidates: allow(managers)
  },
  // 成效排行 of a manager's subtree (here the owner's county), a cadre's own score, 表彰/通报 lists
  // of the owner's county. The job itself (timer or server-side `run`) is no registry action; runNow is the admin's.
  rankings: {
    /** The node is checked first: outside the caller's subtree the page is refused, whatever view or period. */
    list: allow(ownersManagers),
    mine: allow(ownerAndManagers),
    runNow: allow(['provinceAdmin']),
    getList: allow(ownersManagers),
    editEntry: allow(ownersManagers),
    publish: allow(ownersManagers),
    /** Each caller reads the lists published above them. */
    published: allow(staff)
  },
  // 调查问卷: the owner is the survey's author (here the owning cadre); managers above read and may end it.
  surveys: {
    templates: allow(staff),
    /** Each manager to their own subtree. */
    pushTemplate: allow(managers),
    /** Each author writes their own. */
    create: allow(staff),
    update: allow(['owner']),
    publish: allow(['owner']),
    close: allow(ownerAndManagers),
    remove: allow(['owner']),
    list: allow(ownerAndManagers),
    get: allow(ownerAndManagers),
    results: allow(ownerAndManagers),
    texts: allow(ownerAndManagers),
    qr: allow(['owner']),
    /** Whoever scans: staff see the questionnaire but may not answer as residents. */
    open: allow(['resident', ...staff]),
    answer: allow(['resident']),
    paper: allow(['owner'])
  },
  // 三问 read back: a cadre's own, and their managers' (a unit of the subtree with orgId).
  voices: {
    list: allow(ownerAndManagers)
  },
  // 批阅: the leaders above the author mark; the author and those leaders read the reviews of an item.
  reviews: {
    mark: allow(ownersManagers),
    list: allow(ownerAndManagers),
    /** Each leader their own subtree (here the owner's county, default their own node). */
    inbox: allow(managers),
    /** Each author their own. */
    received: allow(staff)
  },
  // Month-end and year-end packs: a cadre's own and their managers' (a unit's with orgId, managers of it).
  packs: {
    get: allow(ownerAndManagers)
  },
  // The village view across systems: anyone on the staff of any system whose node serves the area the place is in
  // (the owner's county here: the other system's county manager serves it too; a sibling county's does not).
  places: {
    search: allow(['owner', 'peerCadre', 'countyManager', 'otherSystemManager', 'provinceAdmin']),
    /** As for the point itself: the managers who assign it. */
    setPoint: allow(ownersManagers),
    month: allow(['owner', 'peerCadre', 'countyManager', 'otherSystemManager', 'provinceAdmin']),
    county: allow(['owner', 'peerCadre', 'countyManager', 'otherSystemManager', 'provinceAdmin']),
    import: allow(['provinceAdmin']),
    setDivision: allow(['provinceAdmin'])
  }
}

export function ruleOf(fn: string, action: string): AccessRule | undefined {
  return (access as Record<string, Record<string, AccessRule> | undefined>)[fn]?.[action]
}
