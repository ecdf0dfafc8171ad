import { randomBytes } from 'node:crypto'
import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { Demand } from '../../../types/service'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, viewerOf } from '../../_lib/auth'
import { findUserByOpenid } from '../../_lib/users'
import { rows } from '../../_lib/query'
import { inTransaction } from '../../_lib/tx'
import { beijingDate } from '../../../types/rules/beijing-time'
import { RATE_LIMITS } from '../../../types/rules/service'
import { demandRaisedDelta } from '../../_lib/stat-rules'
import { serviceRulesFor } from '../../_lib/org-rules'
import { holidayCalendarAt } from '../../_lib/holidays'
import { bumpCounter, bumpServiceStats, hashOpenid, newDemand, toDemand, type SceneDoc } from '../../_lib/service'

const newId = (now: Date) => `dm_${now.getTime().toString(36)}${randomBytes(5).toString('hex')}`

/**
 * A new ledger entry. A cadre records one in their own ledger (no scene), with the urgency they judge. A resident
 * reports one through a scanned code (visit or liaison-point plate): no sign-up, at most RATE_LIMITS.reports a day
 * per openid. Residents do not set urgency: their 急 (or an 'urgent' sent by an older page) is a hint for the
 * staff who triage it; until then it has a general demand's deadline.
 */
export async function create(input: z.output<typeof demandsApi.create.input>, ctx: RequestContext): Promise<Demand> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const user = await findUserByOpenid(openid)
  const contact = input.contactName || input.contactPhone ? { ...(input.contactName ? { name: input.contactName } : {}), ...(input.contactPhone ? { phone: input.contactPhone } : {}) } : null

  if (!input.scene) {
    if (!user) throw new AppError('FORBIDDEN', '请扫描干部出示的二维码或联系点的二维码来反映问题')
    if (user.role !== 'cadre') throw new AppError('FORBIDDEN', '只有干部可以在自己的台账里登记诉求')
    const [rules, calendar] = await Promise.all([serviceRulesFor(user.orgPath, ctx.now), holidayCalendarAt(ctx.now)])
    const doc = newDemand(
      {
        _id: newId(ctx.now),
        source: 'cadre',
        cadre: user,
        area: input.area,
        urgency: input.urgency ?? 'general',
        triaged: true,
        text: input.text,
        contact,
        by: { id: user._id, name: user.name, role: 'cadre' },
        rules,
        calendar
      },
      ctx.now
    )
    return inTransaction(async (tx) => {
      await tx.collection('demands').add({ data: { ...doc } as unknown as Record<string, unknown> })
      await bumpServiceStats(tx, doc, ctx.now, demandRaisedDelta([doc.area]), ctx.now)
      return toDemand(doc, viewerOf(user), ctx.now)
    })
  }

  if (user) throw new AppError('FORBIDDEN', '干部和管理员请在台账里直接登记群众反映的问题')
  const [scene] = await rows<SceneDoc>(collection('scenes').where({ _id: input.scene }).limit(1))
  if (!scene) throw new AppError('NOT_FOUND', '这个二维码已失效，请联系干部重新出示')
  const cadre = await findUserById(scene.cadreId)
  if (!cadre || cadre.role !== 'cadre' || cadre.active === false) throw new AppError('NOT_FOUND', '这个二维码对应的干部已不在岗，请联系当地组织')
  const [rules, calendar] = await Promise.all([serviceRulesFor(cadre.orgPath, ctx.now), holidayCalendarAt(ctx.now)])
  const doc = newDemand(
    {
      _id: newId(ctx.now),
      source: 'resident',
      visitId: scene.kind === 'visit' ? scene.targetId : null,
      viaScene: scene._id,
      residentOpenid: openid,
      cadre,
      area: input.area,
      urgency: 'general',
      triaged: false,
      urgentHint: input.urgentHint === true || input.urgency === 'urgent',
      text: input.text,
      contact,
      by: { id: 'resident', name: '群众', role: 'resident' },
      rules,
      calendar
    },
    ctx.now
  )
  return inTransaction(async (tx) => {
    const n = await bumpCounter(tx, `report:${hashOpenid(openid)}:${beijingDate(ctx.now)}`, ctx.now)
    if (n > RATE_LIMITS.reports) throw new AppError('RATE_LIMITED', `今天已经反映了 ${RATE_LIMITS.reports} 个问题，请明天再来，急事请直接联系干部`)
    await tx.collection('demands').add({ data: { ...doc } as unknown as Record<string, unknown> })
    await bumpServiceStats(tx, doc, ctx.now, demandRaisedDelta([doc.area]), ctx.now)
    return toDemand(doc, null, ctx.now)
  })
}
