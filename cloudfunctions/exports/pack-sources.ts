/**
 * The exports of the month-end and year-end packs and of a survey's answers. A pack reads the rankings job's own
 * figures (cadreScores per cadre, orgStats for the unit) — the numbers the dashboards and the pack page show — and
 * the 三问 digest; a survey export reads the survey's tallies for its summary and pages its answers in _id order
 * (random: the order they came in is not kept), with no one's identity anywhere.
 */
import { fourInto, type FourInto } from '@/types/enums'
import { cadreScoreId, orgStatsId, periodYear, satisfiedShare, type CadreScoreDoc, type OrgStatsDoc, type PeriodFigures } from '@/types/outcomes'
import { packPeriodLabel } from '@/types/packs'
import { questionKinds, surveyPurposes, type Question } from '@/types/surveys'
import { resultsFrom } from '@/types/rules/surveys'
import { fourHundredKeys, fourHundredLabels } from '@/types/rules/four-hundred'
import { _ } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { countOf, rows } from '../_lib/query'
import type { VoiceDoc } from '../_lib/voices'
import { surveyOrThrow, type AnswerDoc } from '../_lib/surveys'
import type { Cell, Column, ExtraSheet, Source } from './sources'
import { byId } from '../_lib/by-id'

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : `${Math.round(x * 1000) / 10}%`)
const kinds = fourInto.ids as readonly FourInto[]

const figureColumns: Column[] = [
  { header: '走访次数', width: 9 },
  { header: '下基层天数', width: 10 },
  ...kinds.map((k) => ({ header: `四进·${fourInto.labels[k]}`, width: 11 })),
  { header: '五必访户数', width: 10 },
  { header: '五必访已走访', width: 11 },
  ...fourHundredKeys.map((k) => ({ header: fourHundredLabels[k], width: 10 })),
  { header: '诉求登记', width: 9 },
  { header: '立即解决', width: 9 },
  { header: '协调解决', width: 9 },
  { header: '上报反映', width: 9 },
  { header: '按时办结', width: 9 },
  { header: '超期未办', width: 9 },
  { header: '群众评价', width: 9 },
  { header: '满意率', width: 8 },
  { header: '差评', width: 6 },
  { header: '发放问卷', width: 9 },
  { header: '收回答卷', width: 9 }
]

/** One row of figures, in the order of figureColumns. */
export function figureCells(f: PeriodFigures): Cell[] {
  return [
    f.visits.total,
    f.days.count,
    ...kinds.map((k) => f.visits.byKind[k] ?? 0),
    f.fiveMustVisit.households,
    f.fiveMustVisit.visited,
    ...fourHundredKeys.map((k) => f.fourHundred?.[k] ?? 0),
    f.demands.raised,
    f.demands.solvedByPath.immediate,
    f.demands.solvedByPath.coordinate,
    f.demands.solvedByPath.report,
    f.demands.solvedOnTime,
    f.demands.overdue,
    f.ratings.count,
    pct(satisfiedShare(f)),
    f.ratings.bad,
    f.surveys?.count ?? 0,
    f.surveys?.answers ?? 0
  ]
}

const voiceColumns: Column[] = [
  { header: '日期', width: 12 },
  { header: '干部', width: 10 },
  { header: '联系点', width: 20 },
  { header: '问政', width: 36 },
  { header: '问需', width: 36 },
  { header: '问计', width: 36 }
]
/** The 三问 sheet holds the period's newest entries up to this many; the app's 三问 page has them all. */
const VOICES_IN_FILE = 500

/**
 * 工作汇总: a summary sheet (the unit's or the cadre's figures), a 三问 sheet, and the paged sheet — every cadre of
 * the unit's subtree in the scope's ranking index order (period, scope.<level>, sortKey), or the one cadre.
 */
export const pack: Source = {
  sheet: '干部明细',
  columns: [{ header: '干部', width: 10 }, { header: '单位', width: 22 }, ...figureColumns],
  count: (scope) =>
    scope.cadreId ? Promise.resolve(1) : countOf(collection('cadreScores').where({ period: scope.period, [`scope.${scope.level}`]: scope.orgId })),
  async page(scope, cursor, limit) {
    const docs = scope.cadreId
      ? cursor
        ? []
        : [await byId<CadreScoreDoc>('cadreScores', cadreScoreId(scope.cadreId, scope.period))].filter((d) => d !== null)
      : await rows<CadreScoreDoc>(
          collection('cadreScores')
            .where({ period: scope.period, [`scope.${scope.level}`]: scope.orgId, ...(cursor ? { sortKey: _.gt(cursor.id) } : {}) })
            .orderBy('sortKey', 'asc')
            .limit(limit)
        )
    return {
      rows: docs.map((d) => [d.cadreName, d.orgName, ...figureCells(d.figures)]),
      cursor: docs.length ? { at: new Date(0), id: scope.cadreId ? 'done' : docs[docs.length - 1].sortKey } : cursor
    }
  },
  async extraSheets(scope) {
    const summary = scope.cadreId
      ? await byId<CadreScoreDoc>('cadreScores', cadreScoreId(scope.cadreId, scope.period))
      : await byId<OrgStatsDoc>('orgStats', orgStatsId(scope.orgId, scope.period))
    const when = scope.period.length === 7 ? { month: scope.period } : { year: periodYear(scope.period) }
    const voices = await rows<VoiceDoc>(
      collection('voices')
        .where(scope.cadreId ? { cadreId: scope.cadreId, ...when } : { orgPath: scope.orgId, ...when })
        .orderBy('visitedAt', 'desc')
        .limit(VOICES_IN_FILE)
    )
    const head = [
      ['汇总', packPeriodLabel(scope.period)],
      ['单位', scope.orgNames.get(scope.orgId) ?? ''],
      ['统计时间', summary ? new Date((summary as { updatedAt: Date }).updatedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '尚未统计']
    ]
    const figures: ExtraSheet = {
      sheet: '汇总',
      columns: [
        { header: '项目', width: 16 },
        { header: '数值', width: 14 }
      ],
      rows: [...head, ...(summary ? figureColumns.map((c, i) => [c.header, figureCells(summary.figures)[i]]) : [])]
    }
    const digest: ExtraSheet = {
      sheet: '三问摘要',
      columns: voiceColumns,
      rows: voices.map((v) => [v.date, v.cadreName, v.pointName, v.policy ?? '', v.needs ?? '', v.advice ?? ''])
    }
    return [figures, digest]
  }
}

const answerText = (q: Question, v: unknown): Cell => {
  if (v === undefined || v === null) return ''
  if (q.kind === 'single') return q.options.find((o) => o.id === v)?.label ?? ''
  if (q.kind === 'multi') return (v as string[]).map((id) => q.options.find((o) => o.id === id)?.label ?? '').join('、')
  if (q.kind === 'scale') return Number(v)
  return String(v)
}

/** 问卷答卷: the survey's figures per question, then one row per answer sheet (群众扫码 or 纸质录入). */
export const survey: Source = {
  sheet: '答卷',
  columns: [],
  async columnsFor(scope) {
    const s = await surveyOrThrow(scope.surveyId!)
    return [
      { header: '序号', width: 7 },
      { header: '来源', width: 9 },
      { header: '日期', width: 12 },
      ...s.questions.map((q, i) => ({ header: `${i + 1}. ${q.text}`, width: q.kind === 'text' ? 36 : 16 }))
    ]
  },
  async count(scope) {
    return (await surveyOrThrow(scope.surveyId!)).tally?.total ?? 0
  },
  async page(scope, cursor, limit, rowNo) {
    const s = await surveyOrThrow(scope.surveyId!)
    const docs = await rows<AnswerDoc>(
      collection('surveyAnswers')
        .where({ surveyId: s._id, ...(cursor ? { _id: _.gt(cursor.id) } : {}) })
        .orderBy('_id', 'asc')
        .limit(limit)
    )
    return {
      rows: docs.map((d, i) => [
        rowNo + i + 1,
        d.source === 'paper' ? '纸质录入' : '群众扫码',
        d.date,
        ...s.questions.map((q) => answerText(q, d.answers[q.id]))
      ]),
      cursor: docs.length ? { at: new Date(0), id: docs[docs.length - 1]._id } : cursor
    }
  },
  async extraSheets(scope) {
    const s = await surveyOrThrow(scope.surveyId!)
    const results = resultsFrom(s.questions, s.tally)
    const rowsOut: Cell[][] = [
      ['问卷', s.title, surveyPurposes[s.purpose], `共 ${s.tally?.total ?? 0} 份（纸质 ${s.tally?.paper ?? 0} 份）`, ''],
      ...results.flatMap((r, i): Cell[][] => {
        const head: Cell[] = [`${i + 1}. ${r.text}`, questionKinds[r.kind], '', `答题 ${r.answered} 人`, r.mean === null ? '' : `平均 ${r.mean} 分`]
        if (r.kind === 'text') return [head]
        return [head, ...r.options.map((o): Cell[] => ['', '', o.label, o.count, pct(o.share)])]
      })
    ]
    return [
      {
        sheet: '统计',
        columns: [
          { header: '题目', width: 36 },
          { header: '题型', width: 8 },
          { header: '选项', width: 20 },
          { header: '人数', width: 10 },
          { header: '占比', width: 10 }
        ],
        rows: rowsOut
      }
    ]
  }
}
