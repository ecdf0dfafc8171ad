import type { z } from '@/types/zod'
import type { InboxItem, reviewsInput } from '@/types/reviews'
import { beijingDate } from '@/types/rules/beijing-time'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import { collectionOf, readId, summaryOf, titleOf, type Target } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * What a leader has to read: a unit's newest 民情日记 or 调研报告 (index org_time of each), with what the leader has
 * already marked read (one `$in` read of the page's 已阅 ids). Cost: the page, whatever the history.
 */
export async function inbox(input: z.output<typeof reviewsInput.inbox>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const orgId = input.orgId ?? user.orgId
  const org = await byId<OrgDoc>('orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(user, org.path, '您只能批阅自己管理范围内的内容')
  const page = await pageByInstant(collectionOf(input.targetKind), { orgPath: orgId }, 'createdAt', input, (d: Target) => d)
  const ids = page.items.map((d) => readId(input.targetKind, d._id, user._id))
  const read = ids.length
    ? await rows<{ _id: string }>(
        collection('workReviews')
          .where({ _id: _.in(ids) })
          .field({ _id: true })
          .limit(ids.length)
      )
    : []
  const readSet = new Set(read.map((r) => r._id))
  const items: InboxItem[] = page.items.map((d, i) => ({
    targetKind: input.targetKind,
    id: d._id,
    cadreId: d.cadreId,
    cadreName: d.cadreName,
    title: titleOf(input.targetKind, d),
    date: 'date' in d && d.date ? d.date : beijingDate(d.createdAt),
    createdAt: new Date(d.createdAt).toISOString(),
    readByMe: readSet.has(ids[i]),
    reviews: summaryOf(d)
  }))
  return { items, nextCursor: page.nextCursor }
}
