import type { z } from '@/types/zod'
import type { VoicePage, VoicesInput } from '@/types/voices'
import { beijingMonth } from '@/types/rules/beijing-time'
import type { OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff, resolveCadre } from '../../_lib/auth'
import { decodeGroupCursor, encodeGroupCursor, groupedPage } from '../../_lib/grouped-page'
import { namedVoices, type VoiceDoc } from '../../_lib/voices'
import { byId } from '../../_lib/by-id'

/**
 * 三问 of a month, grouped: a cadre's by liaison point (index cadre_month), a unit's whole subtree by unit and then
 * liaison point (index org_month), newest first within a place. Paged in that order; one more read names the units.
 */
export async function list(input: z.output<typeof VoicesInput>, ctx: RequestContext): Promise<VoicePage> {
  const user = await requireStaff(ctx)
  const month = input.month ?? beijingMonth(ctx.now)
  let base: Record<string, unknown>
  let groups: string[]
  if (input.orgId) {
    const org = await byId<OrgDoc>('orgs', input.orgId)
    if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
    requireManagerOf(user, org.path, '您只能查看自己管理范围内单位的三问记录')
    base = { orgPath: org._id, month }
    groups = ['orgId', 'pointId']
  } else {
    const cadre = await resolveCadre(user, input.cadreId)
    base = { cadreId: cadre._id, month }
    groups = ['pointId']
  }
  const cursor = decodeGroupCursor(input.cursor, groups.length)
  const docs = await groupedPage<VoiceDoc>('voices', base, groups, 'visitedAt', cursor, input.limit + 1)
  const page = docs.slice(0, input.limit)
  const last = page[page.length - 1]
  return {
    month,
    items: await namedVoices(page),
    nextCursor:
      docs.length > input.limit && last
        ? encodeGroupCursor({ keys: groups.map((g) => String((last as unknown as Record<string, unknown>)[g])), at: last.visitedAt, id: last._id })
        : null
  }
}
