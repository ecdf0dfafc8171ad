import type { z } from '@/types/zod'
import type { rankingsApi } from '@/types/api/rankings'
import type { HonourList, HonourListDoc } from '@/types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { toHonourList } from '../honours'

/** Published lists of the caller's node and every node above it (everyone in a subtree reads its lists). */
export async function published(input: z.output<typeof rankingsApi.published.input>, ctx: RequestContext): Promise<{ items: HonourList[] }> {
  const user = await requireStaff(ctx)
  const docs = await rows<HonourListDoc>(
    collection('honourLists')
      .where({ orgId: _.in(user.orgPath), status: 'published', ...(input.kind ? { kind: input.kind } : {}) })
      .orderBy('month', 'desc')
      .limit(input.limit)
  )
  return { items: docs.map((d) => toHonourList(d, user)) }
}
