/**
 * The demo dataset: Qinghai province's 工会, 共青团 and 妇联 down to prefectures and counties, their
 * managers and cadres, liaison points at real places (GCJ-02, approximate to a few hundred metres)
 * and contact persons. Pure data, deterministic: the same ids every run, so seeding is idempotent.
 */
import type { FiveMustVisit, System } from '@/types/enums'
import type { ContactDoc, HouseholdDoc, LiaisonPointDoc, OrgDoc, UserDoc, VisitDayDoc, VisitDoc, VisitStatsDoc } from '@/cloudfunctions/_lib/collections'
import { beijing, beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { addCounted, addFieldwork, emptyStats, statsId } from '@/cloudfunctions/_lib/visit-stat-rules'
import type { VoiceDoc } from '@/cloudfunctions/_lib/voices'
import type { PlaceDoc, PlaceMonthDoc } from '@/cloudfunctions/_lib/places'
import { prefectures } from './demo-places'

const systemNames: Record<System, { province: string; suffix: string }> = {
  union: { province: '青海省总工会', suffix: '总工会' },
  league: { province: '共青团青海省委', suffix: '团委' },
  women: { province: '青海省妇联', suffix: '妇联' }
}

const surnames = ['王', '李', '张', '马', '刘', '赵', '韩', '才', '祁', '杨', '陈', '周']
const givenNames = ['建国', '秀兰', '卓玛', '海燕', '德吉', '文博', '玉梅', '永福', '晓东', '春花', '志强', '桂英', '措毛', '明辉', '红霞']
const contactRelations = ['社区书记', '村委会主任', '学校德育主任', '企业工会主席', '帮扶户户主']

/** A deterministic Chinese name for the n-th person. */
function personName(n: number): string {
  return surnames[n % surnames.length] + givenNames[(n * 7 + 3) % givenNames.length]
}

/** A plausible mobile number, clearly fake (the 199 0000 block). */
function phone(n: number): string {
  return `1990000${String(n).padStart(4, '0')}`
}

export interface DemoData {
  orgs: OrgDoc[]
  users: UserDoc[]
  liaisonPoints: LiaisonPointDoc[]
  contacts: ContactDoc[]
  households: HouseholdDoc[]
  visits: VisitDoc[]
  visitDays: VisitDayDoc[]
  visitStats: VisitStatsDoc[]
  /** 三问 of the demo records, as the visit function keeps them beside each record. */
  voices: VoiceDoc[]
  /** The villages and communities of the demo points (the province admin loads the real list). */
  places: PlaceDoc[]
  /** The month's counted visits at each place, as the visit function keeps them. */
  placeMonths: PlaceMonthDoc[]
}

const systemsInOrder: System[] = ['union', 'league', 'women']

/**
 * @param now when the demo's accounts and org tree were created
 * @param clock the seed's "now": the demo cadre's visits are set in the year before it (see `demoInstant`)
 */
export function buildDemoData(now = new Date('2026-01-05T02:00:00Z'), clock = new Date()): DemoData {
  const data: DemoData = {
    orgs: [],
    users: [],
    liaisonPoints: [],
    contacts: [],
    households: [],
    visits: [],
    visitDays: [],
    visitStats: [],
    voices: [],
    places: [],
    placeMonths: []
  }
  let person = 0
  const addUser = (u: Omit<UserDoc, 'createdAt' | 'name'>) => {
    data.users.push({ ...u, name: personName(person++), createdAt: now })
    return data.users[data.users.length - 1]
  }

  for (const system of systemsInOrder) {
    const names = systemNames[system]
    const province: OrgDoc = {
      _id: `org-${system}`,
      name: names.province,
      system,
      level: 'province',
      parentId: null,
      path: [`org-${system}`],
      pathNames: [names.province],
      divisionCode: '63'
    }
    data.orgs.push(province)
    addUser({ _id: `user-${system}-admin`, openid: `demo-${system}-admin`, role: 'admin', title: '活动办主任', orgId: province._id, orgPath: province.path })

    for (const pref of prefectures) {
      const prefName = `${pref.name}${names.suffix}`
      const prefOrg: OrgDoc = {
        _id: `org-${system}-${pref.key}`,
        name: prefName,
        system,
        level: 'prefecture',
        parentId: province._id,
        path: [...province.path, `org-${system}-${pref.key}`],
        pathNames: [...province.pathNames, prefName],
        divisionCode: pref.code
      }
      data.orgs.push(prefOrg)
      addUser({
        _id: `user-${system}-${pref.key}-manager`,
        openid: `demo-${system}-${pref.key}-manager`,
        role: 'manager',
        title: '副主席',
        orgId: prefOrg._id,
        orgPath: prefOrg.path
      })

      for (const county of pref.counties) {
        const countyName = `${county.name}${names.suffix}`
        const countyOrg: OrgDoc = {
          _id: `org-${system}-${pref.key}-${county.key}`,
          name: countyName,
          system,
          level: 'county',
          parentId: prefOrg._id,
          path: [...prefOrg.path, `org-${system}-${pref.key}-${county.key}`],
          pathNames: [...prefOrg.pathNames, countyName],
          divisionCode: county.code
        }
        data.orgs.push(countyOrg)
        addUser({
          _id: `user-${system}-${pref.key}-${county.key}-manager`,
          openid: `demo-${system}-${pref.key}-${county.key}-manager`,
          role: 'manager',
          title: '主席',
          orgId: countyOrg._id,
          orgPath: countyOrg.path
        })

        // Two cadres per county; each has a liaison point, the first also a second one.
        for (let c = 1; c <= 2; c++) {
          const cadre = addUser({
            _id: `user-${system}-${pref.key}-${county.key}-cadre-${c}`,
            openid: `demo-${system}-${pref.key}-${county.key}-cadre-${c}`,
            role: 'cadre',
            title: c === 1 ? '部长' : '干事',
            orgId: countyOrg._id,
            orgPath: countyOrg.path
          })
          const places = county.places.filter((_, i) => (c === 1 ? i !== 1 : i === 1 || county.places.length === 2))
          places.forEach((place, i) => {
            data.liaisonPoints.push({
              _id: `lp-${system}-${pref.key}-${county.key}-${c}-${i + 1}`,
              name: place.name,
              kind: place.kind,
              address: place.address,
              location: { lat: place.lat, lng: place.lng },
              radiusM: 500,
              orgId: countyOrg._id,
              cadreId: cadre._id,
              createdAt: now,
              placeCode: place.code
            })
          })
          // The second cadre of every other county has no contact person yet: their 两联 shows as incomplete.
          const contactCount = c === 2 && county.key.length % 2 === 0 ? 0 : c
          for (let k = 0; k < contactCount; k++) {
            const n = data.contacts.length
            data.contacts.push({
              _id: `contact-${cadre._id}-${k + 1}`,
              cadreId: cadre._id,
              name: personName(1000 + n),
              relation: contactRelations[n % contactRelations.length],
              phone: phone(n + 1),
              createdAt: now
            })
          }
        }
      }
    }
  }
  for (const pref of prefectures) {
    for (const county of pref.counties) {
      for (const p of county.places) data.places.push({ _id: p.code, name: p.place, town: p.town, countyCode: county.code, updatedAt: now })
    }
  }
  addDemoVisits(data, demoAccounts.cadre, clock)
  return data
}

/** 五必访 households of the demo cadre: display names carry as little personal data as possible. */
const demoHouseholds: { kind: FiveMustVisit; displayName: string; area: string }[] = [
  { kind: 'extremePoverty', displayName: '马**家', area: '东关大街社区 3 号院' },
  { kind: 'veteranMember', displayName: '老党员韩大爷', area: '东关大街社区 5 号楼' },
  { kind: 'leftBehind', displayName: '空巢老人李奶奶', area: '东关大街社区 8 号楼' },
  { kind: 'strugglingModelWorker', displayName: '劳模祁师傅', area: '城东区工业园宿舍' }
]

/**
 * A year of visits for the demo cadre (written as 2026's; `demoInstant` moves them on in a later year), so the
 * home page, calendar and records show something: counted visits at their liaison points (two on one day), one
 * visit record naming two households, and one 外勤 waiting for the county manager. visitDays and visitStats are
 * derived from the visits, as the function would have written them.
 */
function addDemoVisits(data: DemoData, openid: string, clock: Date): void {
  const cadre = data.users.find((u) => u.openid === openid)
  if (!cadre) return
  const points = data.liaisonPoints.filter((p) => p.cadreId === cadre._id)
  if (!points.length) return
  const created = new Date('2026-01-05T02:00:00Z')
  for (const [i, h] of demoHouseholds.entries()) {
    data.households.push({
      _id: `hh-${cadre._id}-${i + 1}`,
      ...h,
      cadreId: cadre._id,
      orgId: cadre.orgId,
      orgPath: cadre.orgPath,
      lastVisitAt: null,
      visitsYear: null,
      visitsInYear: 0,
      visited: false,
      createdAt: created
    })
  }
  // Beijing 10:00 on these dates (UTC 02:00); the 2nd and 3rd are the same day.
  const written = [
    '2026-03-04T02:00:00Z',
    '2026-03-18T02:00:00Z',
    '2026-03-18T06:30:00Z',
    '2026-04-09T02:00:00Z',
    '2026-05-13T02:00:00Z',
    '2026-06-17T02:00:00Z',
    '2026-07-08T02:00:00Z',
    '2026-08-12T02:00:00Z',
    '2026-09-09T02:00:00Z',
    '2026-10-14T02:00:00Z',
    '2026-11-04T02:00:00Z',
    '2026-11-18T02:00:00Z'
  ]
  const moments = written.map((iso) => demoInstant(iso, clock)).sort()
  const stats = new Map<string, VisitStatsDoc>()
  // The figures move by the handlers' own rules (visit-stat-rules.ts), as the demo's check-ins would move them.
  const statsFor = (year: number) =>
    stats.get(statsId(cadre._id, year)) ?? emptyStats({ cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath, year }, created)
  const addVisit = (n: number, iso: string, inside: boolean) => {
    const at = new Date(iso)
    const point = points[n % points.length]
    const date = beijingDate(at)
    const month = beijingMonth(at)
    const year = beijingYear(at)
    let s = statsFor(year)
    const visit: VisitDoc = {
      _id: `${cadre._id}_demo-visit-${String(n + 1).padStart(3, '0')}`,
      submissionId: `demo-visit-${String(n + 1).padStart(3, '0')}`,
      cadreId: cadre._id,
      cadreName: cadre.name,
      orgId: cadre.orgId,
      orgPath: cadre.orgPath,
      pointId: point._id,
      pointName: point.name,
      pointKind: point.kind,
      placeCode: point.placeCode ?? null,
      location: inside ? { lat: point.location.lat + 0.0005, lng: point.location.lng } : { lat: point.location.lat + 0.02, lng: point.location.lng },
      accuracyM: 25,
      distanceM: inside ? 56 : 2224,
      radiusM: point.radiusM,
      inside,
      capturedAt: new Date(at.getTime() - 5000),
      deviceNow: at,
      receivedAt: at,
      visitedAt: at,
      date,
      month,
      year,
      offline: false,
      status: inside ? 'counted' : 'pending',
      flags: [],
      clockSkewMs: 0,
      maxSpeedKmh: null,
      ...(inside ? {} : { reason: '在街道办参加困难家庭帮扶协调会' }),
      photos: [],
      reply: { dayAdded: false, days: 0, message: '' },
      createdAt: at
    }
    if (inside) {
      const dayId = `${cadre._id}_${date}`
      const day = data.visitDays.find((d) => d._id === dayId)
      if (day) day.visits++
      else {
        data.visitDays.push({ _id: dayId, cadreId: cadre._id, date, year, month, visits: 1, firstVisitId: visit._id, createdAt: at })
        visit.reply.dayAdded = true
      }
      s = addCounted(s, { month, pointKind: point.kind }, !day)
      if (point.placeCode) {
        const id = `${point.placeCode}_${month}`
        let pm = data.placeMonths.find((x) => x._id === id)
        if (!pm)
          data.placeMonths.push(
            (pm = { _id: id, placeCode: point.placeCode, countyCode: point.placeCode.slice(0, 6), month, total: 0, units: {}, updatedAt: at })
          )
        pm.total += 1
        pm.units[cadre.orgId] = (pm.units[cadre.orgId] ?? 0) + 1
      }
      visit.reply.days = s.days
      visit.reply.message = visit.reply.dayAdded
        ? `打卡成功，${date} 计入下基层天数，今年已有 ${s.days} 天`
        : `打卡成功，${date} 已经计入过，今年已有 ${s.days} 天`
    } else {
      s = addFieldwork(s, month)
      visit.reply = { dayAdded: false, days: s.days, message: '已提交外勤（离联系点 2.2 公里），管理员审核通过后计入下基层天数' }
    }
    stats.set(s._id, s)
    data.visits.push(visit)
    return visit
  }
  moments.forEach((iso, n) => addVisit(n, iso, true))
  addVisit(moments.length, demoInstant('2026-11-20T03:00:00Z', clock), false)

  // The latest counted visit has its record, naming the first two households.
  const recorded = data.visits[moments.length - 1]
  const named = data.households.slice(0, 2)
  recorded.record = {
    category: 'village',
    method: 'homeVisit',
    policy: '讲解了城乡居民医保缴费和临时救助政策',
    needs: '马家孩子上学路远，希望有校车；韩大爷腿脚不便，想要上门体检',
    advice: '居民建议社区食堂延长开放时间',
    peopleMet: { count: 6, text: '社区书记、两户居民和网格员' },
    householdIds: named.map((h) => h._id),
    problems: [{ id: `${recorded._id}_p1`, area: 'schooling', text: '孩子上学路远，希望协调校车', handling: 'coordinate', status: 'open' }],
    savedAt: recorded.visitedAt
  }
  for (const h of named) Object.assign(h, { lastVisitAt: recorded.visitedAt, visitsYear: recorded.year, visitsInYear: 1, visited: true })
  const r = recorded.record
  data.voices.push({
    _id: recorded._id,
    cadreId: recorded.cadreId,
    cadreName: recorded.cadreName,
    orgId: recorded.orgId,
    orgPath: recorded.orgPath,
    pointId: recorded.pointId,
    pointName: recorded.pointName,
    pointKind: recorded.pointKind,
    date: recorded.date,
    month: recorded.month,
    year: recorded.year,
    visitedAt: recorded.visitedAt,
    policy: r.policy ?? null,
    needs: r.needs ?? null,
    advice: r.advice ?? null,
    peopleMet: r.peopleMet.count,
    savedAt: r.savedAt
  })
  data.visitStats.push(...stats.values())
}

/**
 * A demo date as seeded at `clock`. The demo is written in 2026 and seeded as written in 2026 (every test clock is
 * in 2026). Seeded in a later year, a date moves on by whole years to its latest occurrence before `clock`, so
 * a new user of the demo in any year finds a cadre with a year of visits behind them, not one who stopped in 2026.
 */
export function demoInstant(iso: string, clock: Date): string {
  const years = beijingYear(clock) - 2026
  if (years <= 0) return iso
  const at = beijing(iso).add(years, 'year')
  return (at.valueOf() > clock.getTime() ? at.subtract(1, 'year') : at).toISOString()
}

/** The accounts the README and the tests point at. */
export const demoAccounts = {
  admin: 'demo-women-admin',
  prefectureManager: 'demo-women-xining-manager',
  countyManager: 'demo-women-xining-chengdong-manager',
  cadre: 'demo-women-xining-chengdong-cadre-1',
  cadreIncomplete: 'demo-women-xining-chengzhong-cadre-2',
  resident: 'demo-resident-1'
} as const
