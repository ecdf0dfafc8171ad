import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { managedOrg, subtreeNodes } from '../shared'

/** At most this many children are shown (a prefecture has a handful of counties, a province tens of prefectures). */
const MAX_CHILDREN = 100

/**
 * A node of the caller's subtree with its children and the number of active cadres and managers under each,
 * added up from the subtree's org documents (their own counts): the caller, the node, the subtree — 3 reads
 * however many people it holds. A manager cannot walk above their own node or into another branch: those ids
 * answer FORBIDDEN.
 */
export async function tree(input: z.output<typeof orgsApi.tree.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId ?? user.orgId)
  const sub = await subtreeNodes(org)
  const children = sub.orgs
    .filter((o) => o.parentId === org._id)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, MAX_CHILDREN)
  const node = sub.node(org)
  const kids = children.map(sub.node)
  const from = org.path.indexOf(user.orgId)
  const trail = org.path.slice(from, -1).map((id, i) => ({ id, name: org.pathNames[from + i] }))
  return { node, trail, children: kids }
}
