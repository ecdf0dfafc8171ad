/** The reminders sender's own dataset: cadres, their year's visitStats and subscribe-message quota only. */
import { beijingMonth, beijingYear, expectedByToday } from '@/types/rules/beijing-time'
import { fourInto } from '@/types/enums'
import type { UserDoc, VisitStatsDoc } from '@/cloudfunctions/_lib/collections'
import type { SubscriptionDoc } from '@/cloudfunctions/reminders/shared'
import { DAYS_TARGET } from '@/types/rules/check-in'
import { templateId } from '@/types/reminders'
import { buildDemoData } from '../seed/demo-data'
import { rng } from './rng'

import { BATCH, type Batch, type Docs } from './common'

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const given = '建国秀英志强海燕春梅玉兰文华明德永红丽娟桂芳'
/** A name of Chinese characters only, as WeChat's name field requires (a digit in it would be refused). */
const chineseName = (i: number) =>
  surnames[i % surnames.length] + given[Math.floor(i / surnames.length) % given.length] + given[Math.floor(i / (surnames.length * given.length)) % given.length]

export const BEHIND_SHARE = 0.1
export const QUOTA_SHARE = 0.3

/**
 * `count` cadres `bench-rc-NNNNNN` across the demo counties, each with this year's visitStats (a tenth behind
 * the 90-day pace at `clock`, the rest on it) and, for three in ten, one to three messages of quota for the
 * pace template — what the sender reads. Nothing else: the sender scans users and reads stats and quota.
 */
export function* generatePopulation(count: number, clock: Date, seed = 20121231): Generator<Batch> {
  const random = rng(seed ^ 0x27d4eb2f)
  const counties = buildDemoData().orgs.filter((o) => o.level === 'county')
  const year = beijingYear(clock)
  const expected = expectedByToday(DAYS_TARGET, clock)
  const months = Number(beijingMonth(clock).slice(5))
  const users: UserDoc[] = []
  const stats: VisitStatsDoc[] = []
  const subs: SubscriptionDoc[] = []
  const flush = function* (all: boolean): Generator<Batch> {
    for (const [collection, docs] of [
      ['users', users],
      ['visitStats', stats],
      ['subscriptions', subs]
    ] as const) {
      while (docs.length >= BATCH || (all && docs.length)) yield { collection, docs: docs.splice(0, BATCH) as unknown as Docs }
    }
  }
  for (let i = 0; i < count; i++) {
    const org = counties[i % counties.length]
    const _id = `bench-rc-${String(i).padStart(6, '0')}`
    const openid = `openid-${_id}`
    users.push({ _id, openid, name: chineseName(i), role: 'cadre', title: '干事', orgId: org._id, orgPath: org.path, createdAt: clock })
    const behind = random() < BEHIND_SHARE
    const days = behind ? Math.floor(random() * expected * 0.9) : Math.min(DAYS_TARGET, expected + Math.floor(random() * 10))
    const daysByMonth: Record<string, number> = {}
    const visitsByMonth: Record<string, number> = {}
    for (let m = 1; m <= months; m++) {
      const mm = String(m).padStart(2, '0')
      const n = Math.floor((days * m) / months) - Math.floor((days * (m - 1)) / months)
      if (n) {
        daysByMonth[`${year}-${mm}`] = n
        visitsByMonth[`${year}-${mm}`] = n
      }
    }
    stats.push({
      _id: `${_id}_${year}`,
      cadreId: _id,
      orgId: org._id,
      orgPath: org.path,
      year,
      days,
      daysByMonth,
      visits: days,
      visitsByMonth,
      visitsByKind: { [fourInto.ids[0]]: days },
      fieldworkByMonth: {},
      fieldworkPending: 0,
      fieldworkApproved: 0,
      fieldworkRejected: 0,
      updatedAt: clock
    })
    if (random() < QUOTA_SHARE) {
      const quota = 1 + Math.floor(random() * 3)
      subs.push({
        _id: `${openid}:progress`,
        openid,
        template: 'progress',
        templateId: templateId('progress'),
        quota,
        longTerm: false,
        accepted: quota,
        used: 0,
        updatedAt: clock
      })
    }
    yield* flush(false)
  }
  yield* flush(true)
}
