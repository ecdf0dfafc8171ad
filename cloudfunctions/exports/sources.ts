/**
 * What each export reads and writes: the columns, the count for progress, and one page of rows read in index
 * order (orgPath + createdAt + _id: the `org_time` indexes), so a province-wide export never loads a collection.
 */
import type { ExportKind } from '@/types/exports'
import type { OrgLevel } from '@/types/enums'
import { scoreComponentLabels, scoreComponents, type CadreScoreDoc } from '@/types/outcomes'
import { demandAreas, ratingLevels } from '@/types/enums'
import { ratingStateLabels } from '@/types/service'
import { demandStatusLabels, urgencies } from '@/types/demands'
import { problemHandlingLabels } from '@/types/visits'
import { beijing } from '@/types/rules/beijing-time'
import { maskPhone } from '@/types/rules/privacy'
import { ledgerOverdue } from '@/types/rules/ledger'
import { _ } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { countOf, rows } from '../_lib/query'
import type { DemandDoc, RatingDoc } from '../_lib/service'
import { pack, survey } from './pack-sources'

export interface Column {
  header: string
  width: number
}

export type Cell = string | number | null
/** Where the last page stopped: (createdAt, _id) for the ledgers; the unique sortKey (in `id`) for rankings. */
export interface PageCursor {
  at: Date
  id: string
}

export interface Scope {
  orgId: string
  /** As the user chose it: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
  period: string
  from: Date
  to: Date
  /** The level of the exported org: which ranking scope it is. */
  level: OrgLevel
  /** Org id → name, for the unit column. */
  orgNames: Map<string, string>
  now: Date
  /** pack of one cadre; survey answers. */
  cadreId?: string
  surveyId?: string
}

/** A small sheet written before the paged one (a summary, a digest): read whole at assembly time. */
export interface ExtraSheet {
  sheet: string
  columns: Column[]
  rows: Cell[][]
}

export interface Source {
  sheet: string
  columns: Column[]
  /** Columns that depend on the export (a survey's questions); `columns` otherwise. */
  columnsFor?(scope: Scope): Promise<Column[]>
  /** Sheets before the paged one. */
  extraSheets?(scope: Scope): Promise<ExtraSheet[]>
  count(scope: Scope): Promise<number>
  /** Up to `limit` rows after the cursor, in (createdAt, _id) order, and the cursor of the last one. */
  page(scope: Scope, cursor: PageCursor | null, limit: number, rowNo: number): Promise<{ rows: Cell[][]; cursor: PageCursor | null }>
}

const time = (d: Date | string | null | undefined) => (d ? beijing(d).format('YYYY-MM-DD HH:mm') : '')
const unitOf = (scope: Scope, orgId: string) => scope.orgNames.get(orgId) ?? ''

/**
 * Documents after the cursor, exactly: first those sharing the cursor's instant with a greater _id, then those
 * with a later instant. Both queries walk the index (orgPath, createdAt, _id) from where the last page stopped.
 */
async function pageAfterCursor<D>(name: 'demands' | 'ratings', scope: Scope, cursor: PageCursor | null, limit: number): Promise<D[]> {
  const out: D[] = []
  if (cursor) {
    out.push(
      ...(await rows<D>(
        collection(name)
          .where({ orgPath: scope.orgId, createdAt: cursor.at, _id: _.gt(cursor.id) })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit)
      ))
    )
    if (out.length >= limit) return out
  }
  const createdAt = cursor ? _.and(_.gt(cursor.at), _.lt(scope.to)) : _.and(_.gte(scope.from), _.lt(scope.to))
  out.push(
    ...(await rows<D>(
      collection(name)
        .where({ orgPath: scope.orgId, createdAt })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit - out.length)
    ))
  )
  return out
}

const countIn = (name: 'demands' | 'ratings', scope: Scope) =>
  countOf(collection(name).where({ orgPath: scope.orgId, createdAt: _.and(_.gte(scope.from), _.lt(scope.to)) }))

const lastCursor = (docs: { _id: string; createdAt: Date | string }[]): PageCursor | null => {
  const last = docs[docs.length - 1]
  return last ? { at: new Date(last.createdAt), id: last._id } : null
}

/** 群众诉求台账. The contact's phone is masked: a file leaves the app's access control. */
const demands: Source = {
  sheet: '诉求台账',
  columns: [
    { header: '序号', width: 8 },
    { header: '编号', width: 24 },
    { header: '登记时间', width: 18 },
    { header: '干部', width: 10 },
    { header: '单位', width: 22 },
    { header: '来源', width: 8 },
    { header: '领域', width: 8 },
    { header: '紧急程度', width: 9 },
    { header: '诉求内容', width: 40 },
    { header: '联系人', width: 10 },
    { header: '联系电话', width: 14 },
    { header: '状态', width: 12 },
    { header: '办理方式', width: 10 },
    { header: '承办部门', width: 16 },
    { header: '办理期限', width: 18 },
    { header: '是否超期', width: 9 },
    { header: '办结时间', width: 18 },
    { header: '答复时间', width: 18 },
    { header: '答复内容', width: 30 },
    { header: '督办次数', width: 9 },
    { header: '群众评价', width: 10 }
  ],
  count: (scope) => countIn('demands', scope),
  async page(scope, cursor, limit, rowNo) {
    const docs = await pageAfterCursor<DemandDoc>('demands', scope, cursor, limit)
    return {
      rows: docs.map((d, i) => [
        rowNo + i + 1,
        d._id,
        time(d.createdAt),
        d.cadreName,
        unitOf(scope, d.orgId),
        d.source === 'resident' ? '群众扫码' : d.source === 'visit' ? '走访' : '干部登记',
        demandAreas.labels[d.area] ?? d.area,
        urgencies[d.urgency] ?? d.urgency,
        d.text,
        d.contact?.name ?? '',
        d.contact?.phone ? maskPhone(d.contact.phone) : '',
        demandStatusLabels[d.status] ?? d.status,
        d.path ? problemHandlingLabels[d.path] : '',
        d.department ?? '',
        time(d.deadlineAt),
        ledgerOverdue(d, scope.now) ? '是' : '否',
        time(d.finishedAt),
        time(d.closedAt),
        d.reply ?? '',
        d.supervised ?? 0,
        d.rating ? ratingLevels.labels[d.rating.level] : ''
      ]),
      cursor: lastCursor(docs)
    }
  }
}

const targetLabels: Record<RatingDoc['targetKind'], string> = { visit: '走访', demand: '办实事', fix: '整改' }

/**
 * 群众点评. A rater is never shown: no openid, no phone, not even the rating's id (derived from the openid);
 * rows are numbered instead.
 */
const ratings: Source = {
  sheet: '群众点评',
  columns: [
    { header: '序号', width: 8 },
    { header: '评价时间', width: 18 },
    { header: '干部', width: 10 },
    { header: '单位', width: 22 },
    { header: '评价对象', width: 9 },
    { header: '评价', width: 11 },
    { header: '分值', width: 6 },
    { header: '标签', width: 24 },
    { header: '留言', width: 36 },
    { header: '追评', width: 30 },
    { header: '差评处理', width: 10 },
    { header: '申诉', width: 10 },
    { header: '是否作废', width: 9 },
    { header: '计入成效', width: 10 }
  ],
  count: (scope) => countIn('ratings', scope),
  async page(scope, cursor, limit, rowNo) {
    const docs = await pageAfterCursor<RatingDoc>('ratings', scope, cursor, limit)
    return {
      rows: docs.map((r, i) => [
        rowNo + i + 1,
        time(r.createdAt),
        r.cadreName,
        unitOf(scope, r.orgId),
        targetLabels[r.targetKind] ?? r.targetKind,
        ratingLevels.labels[r.level] ?? r.level,
        r.score,
        (r.tags ?? []).join('、'),
        r.comment ?? '',
        r.followUp?.comment ?? '',
        // A held 差评 has its case id planned but opens it only when accepted.
        r.caseId && (r.state ?? 'counted') === 'counted' ? '已立案' : '',
        r.appeal ? (r.appeal.status === 'pending' ? '待处理' : r.appeal.status === 'upheld' ? '已撤销评价' : '已驳回') : '',
        r.voided ? '是' : '否',
        ratingStateLabels[r.state ?? 'counted']
      ]),
      cursor: lastCursor(docs)
    }
  }
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : `${Math.round(x * 1000) / 10}%`)

/**
 * 成效排行 of the period in the org's scope, best first: the rankings job's cadreScores walked in the scope's index
 * order (period, scope.<level>, sortKey, _id); the unique sortKey is the cursor.
 */
const rankings: Source = {
  sheet: '成效排行',
  columns: [
    { header: '名次', width: 8 },
    { header: '干部', width: 10 },
    { header: '单位', width: 22 },
    { header: '综合得分', width: 10 },
    ...scoreComponents.map((k) => ({ header: `${scoreComponentLabels[k]}（得分）`, width: 14 })),
    { header: '群众评价（条）', width: 12 },
    { header: '群众满意率', width: 11 },
    { header: '满意度计分', width: 11 },
    { header: '下基层天数（进度，不计分）', width: 14 },
    { header: '得分说明', width: 60 },
    { header: '计算时间', width: 18 }
  ],
  count: (scope) => countOf(collection('cadreScores').where({ period: scope.period, [`scope.${scope.level}`]: scope.orgId })),
  async page(scope, cursor, limit) {
    const docs = await rows<CadreScoreDoc>(
      collection('cadreScores')
        .where({ period: scope.period, [`scope.${scope.level}`]: scope.orgId, ...(cursor ? { sortKey: _.gt(cursor.id) } : {}) })
        .orderBy('sortKey', 'asc')
        .limit(limit)
    )
    return {
      rows: docs.map((d) => {
        const byKey = new Map(d.breakdown.map((b) => [b.key, b]))
        return [
          d.ranks?.[scope.level] ?? '',
          d.cadreName,
          d.orgName,
          d.score,
          ...scoreComponents.map((k) => byKey.get(k)?.points ?? ''),
          d.figures.ratings.count,
          pct(d.satisfiedShare),
          d.scoredShare === undefined ? '' : d.scoredShare === null ? '评价不足，不计分' : pct(d.scoredShare),
          d.figures.days.count,
          [...d.breakdown.map((b) => `${b.label}：${b.detail}`), d.satisfactionRule ?? ''].filter(Boolean).join('；'),
          time(d.computedAt)
        ]
      }),
      cursor: docs.length ? { at: new Date(0), id: docs[docs.length - 1].sortKey } : null
    }
  }
}

export const sources: Partial<Record<ExportKind, Source>> = { demands, ratings, rankings, pack, survey }
