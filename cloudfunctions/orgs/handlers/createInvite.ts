import { randomBytes } from 'node:crypto'
import { addIfAbsent } from '../../_lib/create-once'
import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import { INVITE_DAYS, JOIN_PAGE, h5JoinUrl, inviteBlock, makeInviteCode } from '@/types/rules/invites'
import { cloud } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { managedOrg, toInvite, type InviteDoc } from '../shared'

/**
 * A one-time invite to a node of the caller's subtree (types/rules/invites.ts says who may invite whom), and
 * its QR code: wxacode.getUnlimited with the code as the scene, opening the join page. The PNG is kept in
 * cloud storage. If WeChat refuses the QR code, the invite still stands: the code can be read out.
 */
export async function createInvite(input: z.output<typeof orgsApi.createInvite.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId)
  const block = inviteBlock(user, input.role, org.path)
  if (block) throw new AppError('FORBIDDEN', block)

  let doc: InviteDoc | null = null
  for (let attempt = 0; attempt < 3 && !doc; attempt++) {
    const candidate: InviteDoc = {
      _id: makeInviteCode((n) => randomBytes(n)),
      orgId: org._id,
      orgPath: org.path,
      orgName: org.name,
      role: input.role,
      name: input.name,
      ...(input.title ? { title: input.title } : {}),
      byId: user._id,
      byName: user.name,
      status: 'pending',
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + INVITE_DAYS * 86400_000),
      usedAt: null,
      usedBy: null
    }
    // add() refuses an existing _id (a code collision, 1 in 8.5e11): try another code.
    if (await addIfAbsent('invites', candidate)) doc = candidate
  }
  if (!doc) throw new AppError('CONFLICT', '生成邀请码时冲突了，请再试一次')

  let qr = null
  let qrError: string | null = null
  try {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene: doc._id, page: JOIN_PAGE, checkPath: false, width: 430 } as never)) as { buffer: Buffer }
    const up = (await cloud.uploadFile({ cloudPath: `invites/${doc._id}.png`, fileContent: res.buffer })) as { fileID: string }
    await collection('invites')
      .doc(doc._id)
      .update({ data: { fileID: up.fileID } })
    const urls = (await cloud.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { tempFileURL: string }[] }
    const imageUrl = urls.fileList[0]?.tempFileURL
    if (!imageUrl) throw new Error('no temp url')
    qr = { scene: doc._id, page: JOIN_PAGE, imageUrl, h5Path: h5JoinUrl(doc._id) }
  } catch (err) {
    console.error('[createInvite] QR failed', err)
    qrError = '二维码暂时生成不了，请把邀请码念给对方，在“加入单位”里输入'
  }
  return { invite: toInvite(doc, ctx.now), qr, qrError }
}
