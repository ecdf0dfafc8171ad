import type { z } from '../../../types/zod'
import type { orgsApi } from '../../../types/api/orgs'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { managedOrg, nodeOf } from '../shared'

/** At most this many children are shown (a prefecture has a handful of counties, a province tens of prefectures). */
const MAX_CHILDREN = 100

/**
 * A node of the caller's subtree with its children and the number of active cadres and managers under each.
 * A manager cannot walk above their own node or into another branch: those ids answer FORBIDDEN.
 */
export async function tree(input: z.output<typeof orgsApi.tree.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId ?? user.orgId)
  const children = await rows<OrgDoc>(collection('orgs').where({ parentId: org._id }).orderBy('name', 'asc').limit(MAX_CHILDREN))
  const [node, ...kids] = await Promise.all([nodeOf(org), ...children.map(nodeOf)])
  const from = org.path.indexOf(user.orgId)
  const trail = org.path.slice(from, -1).map((id, i) => ({ id, name: org.pathNames[from + i] }))
  return { node, trail, children: kids }
}
