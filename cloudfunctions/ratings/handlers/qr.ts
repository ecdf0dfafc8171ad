import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { QrCode } from '@/types/service'
import { makeQrFile, qrUrl } from '../../_lib/qr-image'
import { collection, type LiaisonPointDoc, type UserDoc, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { isRetryable } from '../../_lib/tx'
import { RESIDENT_PAGE, h5SceneUrl, type SceneKind } from '@/types/rules/service'
import { newSceneCode, type DemandDoc, type SceneDoc } from '../../_lib/service'
import { byId } from '../../_lib/by-id'

/**
 * The QR code a cadre shows (a visit, a demand answered to the person) or prints (a liaison point's
 * plate). One scene per target (unique index target_unique); its PNG is made once and kept
 * (cloudfunctions/_lib/qr-image.ts), and each call hands out a fresh temporary URL.
 */
export async function qr(input: z.output<typeof ratingsApi.qr.input>, ctx: RequestContext): Promise<QrCode> {
  const user = await requireCadre(ctx)
  const owner = await ownerOf(input.kind, input.targetId, user)
  let scene = await ensureScene(input.kind, input.targetId, owner, ctx.now)
  // The visit carries its code, so a rating finds the visit in one read (a demand's code is set when it closes).
  if (input.kind === 'visit' && owner.sceneCode !== scene._id)
    await collection('visits')
      .doc(input.targetId)
      .update({ data: { sceneCode: scene._id } })
  if (!scene.fileID) {
    const fileID = await makeQrFile(scene._id, RESIDENT_PAGE, `qr/${scene._id}.png`)
    await collection('scenes').doc(scene._id).update({ data: { fileID } })
    scene = { ...scene, fileID }
  }
  const imageUrl = await qrUrl(scene.fileID!)
  return { scene: scene._id, page: RESIDENT_PAGE, imageUrl, h5Path: h5SceneUrl(scene._id), ...(owner.label ? { label: owner.label } : {}) }
}

async function ownerOf(
  kind: SceneKind,
  targetId: string,
  user: UserDoc
): Promise<{ cadreId: string; orgId: string; orgPath: string[]; sceneCode?: string | null; label?: string }> {
  if (kind === 'visit') {
    const v = await byId<VisitDoc>('visits', targetId)
    if (!v) throw new AppError('NOT_FOUND', '没有找到这次走访')
    if (v.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能出示自己走访的二维码')
    if (v.status === 'rejected') throw new AppError('CONFLICT', '这次外勤未通过审核，不能请群众评价')
    return v
  }
  if (kind === 'demand') {
    const d = await byId<DemandDoc>('demands', targetId)
    if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
    if (d.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能出示自己办理的诉求的二维码')
    if (d.status !== 'closed') throw new AppError('CONFLICT', '办结并答复群众后，才能请群众评价')
    return d
  }
  const p = await byId<LiaisonPointDoc>('liaisonPoints', targetId)
  if (!p) throw new AppError('NOT_FOUND', '没有找到这个联系点')
  if (p.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能生成自己联系点的二维码')
  return { cadreId: user._id, orgId: user.orgId, orgPath: user.orgPath, label: p.name }
}

async function ensureScene(kind: SceneKind, targetId: string, owner: { cadreId: string; orgId: string; orgPath: string[] }, now: Date): Promise<SceneDoc> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await rows<SceneDoc>(collection('scenes').where({ kind, targetId }).limit(1))
    if (found) return found
    const scene: SceneDoc = { _id: newSceneCode(kind), kind, targetId, cadreId: owner.cadreId, orgId: owner.orgId, orgPath: owner.orgPath, createdAt: now }
    try {
      const { _id, ...rest } = scene
      await collection('scenes').doc(_id).set({ data: rest })
      // set() would overwrite a colliding code: the unique (kind, targetId) index caught a concurrent twin;
      // a code collision is 1 in 4e17 and checked below.
      const [mine] = await rows<SceneDoc>(collection('scenes').where({ _id }).limit(1))
      if (mine && mine.kind === kind && mine.targetId === targetId) return mine
    } catch (err) {
      if (!isRetryable(err)) throw err
    }
  }
  throw new AppError('CONFLICT', '生成二维码时冲突了，请再试一次')
}
