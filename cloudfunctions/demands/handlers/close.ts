import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { DemandDetail } from '@/types/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, viewerOf } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { bumpServiceStats, newSceneCode, put, toDemandDetail, type DemandDoc, type SceneDoc } from '../../_lib/service'
import { demandStatusLabels } from '@/types/demands'
import { demandClosedDelta } from '../../_lib/stat-rules'
import { withDerived } from '../shared'
import { txGet } from '../../_lib/by-id'

/** Handled: solved, answered by the unit it was reported to, or reported before reports waited for an answer. */
const answerable = (d: DemandDoc) => d.status === 'solved' || d.status === 'answered' || (d.status === 'reported' && !d.report)

/**
 * 答复群众 (办结 → 回复): the cadre records what the person was told; the demand gets its scene code (its QR code
 * asks the person to confirm and rate), the same one again after a 重办. Once per round.
 */
export async function close(input: z.output<typeof demandsApi.close.input>, ctx: RequestContext): Promise<DemandDetail> {
  const user = await requireStaff(ctx)
  return inTransaction(async (tx) => {
    const d = await txGet<DemandDoc>(tx, 'demands', input.demandId)
    if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
    if (user._id !== d.cadreId) throw new AppError('FORBIDDEN', '只有负责这件事的干部本人可以答复群众')
    if (!answerable(d)) {
      throw new AppError('CONFLICT', `这条诉求现在是「${demandStatusLabels[d.status]}」，办结或上级答复后才能答复群众`)
    }
    let sceneCode = d.sceneCode
    if (!sceneCode) {
      const scene: SceneDoc = {
        _id: newSceneCode('demand'),
        kind: 'demand',
        targetId: input.demandId,
        cadreId: d.cadreId,
        orgId: d.orgId,
        orgPath: d.orgPath,
        createdAt: ctx.now
      }
      await tx.collection('scenes').add({ data: { ...scene } as unknown as Record<string, unknown> })
      sceneCode = scene._id
    }
    const next = withDerived(
      {
        ...d,
        _id: input.demandId,
        status: 'closed',
        closedAt: ctx.now,
        reply: input.reply,
        sceneCode,
        timeline: [...d.timeline, { kind: 'closed', at: ctx.now, by: user._id, byName: user.name, byRole: 'cadre', note: input.reply }]
      },
      ctx.now
    )
    await put(tx, 'demands', next)
    await bumpServiceStats(tx, next, ctx.now, demandClosedDelta(), ctx.now)
    return toDemandDetail(next, viewerOf(user), ctx.now)
  })
}
