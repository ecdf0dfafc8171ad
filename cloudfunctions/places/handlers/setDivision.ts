import type { z } from '@/types/zod'
import type { placesInput } from '@/types/places'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { byId } from '../../_lib/by-id'

const lengthOf = { province: 2, prefecture: 4, county: 6 } as const

/** The province admin sets the area an org node of their system serves: its level's length, inside its parent's. */
export async function setDivision(input: z.output<typeof placesInput.setDivision>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省活动办可以设置单位所服务的行政区划')
  const org = await byId<OrgDoc>('orgs', input.orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(user, org.path, '只能设置本系统的单位')
  if (input.code.length !== lengthOf[org.level]) throw new AppError('BAD_REQUEST', `${org.name}应填 ${lengthOf[org.level]} 位区划代码`)
  if (org.parentId) {
    const [parent] = await rows<OrgDoc>(collection('orgs').where({ _id: org.parentId }).field({ divisionCode: true }).limit(1))
    if (parent?.divisionCode && !input.code.startsWith(parent.divisionCode)) throw new AppError('BAD_REQUEST', '下级单位的区划应在上级单位的区划之内')
  }
  await collection('orgs')
    .doc(org._id)
    .update({ data: { divisionCode: input.code } })
  return { orgId: org._id, code: input.code }
}
