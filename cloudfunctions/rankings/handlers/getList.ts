import type { z } from '@/types/zod'
import type { rankingsApi } from '@/types/api/rankings'
import { honourListId, periodOf, periodYear, type HonourList, type HonourListDoc } from '@/types/outcomes'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { effectiveRules } from '../../_lib/org-rules'
import { rows } from '../../_lib/query'
import { inTransaction } from '../../_lib/tx'
import { draftEntries, ruleText, toHonourList } from '../honours'
import { byId, txGet } from '../../_lib/by-id'

/**
 * A node's 表彰 or 通报 list for a month: the stored one if any (published lists never change), else — or on
 * `refresh` of a draft — drafted now from the node's rules and the month's scores. Entries the manager took off
 * stay off when a draft is redrawn.
 */
export async function getList(input: z.output<typeof rankingsApi.getList.input>, ctx: RequestContext): Promise<HonourList> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const orgId = input.orgId ?? user.orgId
  const month = input.month ?? periodOf('month', ctx.now)
  if (month > periodOf('month', ctx.now)) throw new AppError('BAD_REQUEST', '这个月还没到')
  const org = await byId<OrgDoc>('orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(user, org.path, '您只能查看本单位及下级单位的名单')
  const _id = honourListId(input.kind, orgId, month)
  const [stored] = await rows<HonourListDoc>(collection('honourLists').where({ _id }).limit(1))
  if (stored && (stored.status === 'published' || !input.refresh)) return toHonourList(stored, user)

  const rules = (await effectiveRules(org.path, periodYear(month))).rules
  const entries = await draftEntries(input.kind, org, month, rules)
  const doc = await inTransaction(async (tx) => {
    const ref = tx.collection('honourLists').doc(_id)
    const found = await txGet<HonourListDoc>(tx, 'honourLists', _id)
    if (found && found.status === 'published') return { ...found, _id }
    const removed = new Map((found?.entries ?? []).filter((e) => e.removed).map((e) => [e.cadreId, e.removed]))
    const next: HonourListDoc = {
      _id,
      kind: input.kind,
      orgId,
      orgName: org.name,
      orgPath: org.path,
      month,
      status: 'draft',
      rule: ruleText(input.kind, rules),
      entries: entries.map((e) => ({ ...e, removed: removed.get(e.cadreId) ?? null })),
      generatedAt: ctx.now,
      published: null,
      updatedAt: ctx.now
    }
    const { _id: id, ...rest } = next
    if (found) await ref.set({ data: rest as unknown as Record<string, unknown> })
    else await tx.collection('honourLists').add({ data: { _id: id, ...rest } as unknown as Record<string, unknown> })
    return next
  })
  return toHonourList(doc, user)
}
