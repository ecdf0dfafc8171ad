import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import { isPauseKind, type CadrePeriod } from '@/types/cadre-periods'
import { beijingDate } from '@/types/rules/beijing-time'
import { PERIODS_PER_YEAR, checkPeriod, yearsOf } from '@/types/rules/cadre-periods'
import { _ } from '../../_lib/cloud'
import { collection, type CadrePeriodDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'
import { countStay, toPeriod } from '../periods'
import { byId } from '../../_lib/by-id'
import { createOnce } from '../../_lib/create-once'

type Input = z.output<typeof visitApi.recordPeriod.input>

/**
 * Records a span: a cadre for themself, or a manager for a cadre of their subtree (checked before anything of the
 * cadre's is read). A manager's record is in force at once; a cadre's 请假/培训/抽调 as the 制度 says
 * (`absenceApproval`), a cadre's 蹲点 stay always waits for a manager. One submission lands once (_id from it);
 * a span overlapping one of the same family (pause or stay) still standing is refused.
 */
export async function recordPeriod(input: Input, ctx: RequestContext): Promise<CadrePeriod> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const byManager = cadre._id !== user._id
  const id = `${cadre._id}_${input.submissionId}`
  const existing = await byId<CadrePeriodDoc>('cadrePeriods', id)
  if (existing) return replay(existing, input)

  const today = beijingDate(ctx.now)
  const refusal = checkPeriod(input, today)
  if (refusal) throw new AppError('BAD_REQUEST', refusal)
  const years = yearsOf(input.from, input.to)
  const [others, merged] = await Promise.all([
    rows<CadrePeriodDoc>(
      collection('cadrePeriods')
        .where({ cadreId: cadre._id, years: _.in(years) })
        .limit(PERIODS_PER_YEAR * years.length + 1)
    ),
    effectiveRules(cadre.orgPath, years[0])
  ])
  for (const y of years) {
    if (others.filter((o) => o.years.includes(y)).length >= PERIODS_PER_YEAR)
      throw new AppError('BAD_REQUEST', `${y} 年已经登记了 ${PERIODS_PER_YEAR} 条，不能再登记了`)
  }
  const pause = isPauseKind(input.kind)
  const clash = others.find(
    (o) => (o.status === 'pending' || o.status === 'approved') && isPauseKind(o.kind) === pause && o.from <= input.to && o.to >= input.from
  )
  if (clash) throw new AppError('BAD_REQUEST', `这段时间已经登记过（${clash.from} 至 ${clash.to}），请先撤销那一条`)

  const approved = byManager || (pause && merged.rules.absenceApproval === 'self')
  const doc: CadrePeriodDoc = {
    _id: id,
    cadreId: cadre._id,
    cadreName: cadre.name,
    orgId: cadre.orgId,
    orgPath: cadre.orgPath,
    kind: input.kind,
    from: input.from,
    to: input.to,
    years,
    place: pause ? '' : input.place,
    note: input.note,
    status: approved ? 'approved' : 'pending',
    recordedBy: { id: user._id, name: user.name, byManager },
    review: byManager ? { decision: 'approve', note: '管理员登记', by: user._id, byName: user.name, at: ctx.now } : null,
    countedDays: null,
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  return createOnce<CadrePeriodDoc, CadrePeriod>(
    'cadrePeriods',
    id,
    (found) => replay(found, input),
    async (tx) => {
      const saved = { ...doc, countedDays: approved && !pause ? await countStay(tx, doc, ctx.now) : null }
      await tx.collection('cadrePeriods').add({ data: { ...saved } as unknown as Record<string, unknown> })
      return toPeriod(saved)
    }
  )
}

function replay(p: CadrePeriodDoc, input: Input): CadrePeriod {
  if (p.kind !== input.kind || p.from !== input.from || p.to !== input.to) throw new AppError('CONFLICT', '这个提交编号已经用于另一条登记了，请重新登记')
  return toPeriod(p)
}
