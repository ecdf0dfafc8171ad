import { z } from '../zod'
import { CadreRef, Contact, LiaisonOverview, LiaisonPoint, Phone, PointFields } from '../points'
import { Cursor } from '../visits'

const cadreId = z.string().min(1).max(100).optional()

/**
 * The `points` cloud function: 两联 — liaison points (managers create, edit and assign them to cadres in
 * their subtree) and contact persons (each cadre keeps their own).
 */
export const pointsApi = {
  /** A cadre's 两联: own (no cadreId) or, for a manager, a cadre of their subtree. */
  overview: { input: z.object({ cadreId }), output: LiaisonOverview },
  /** Managers: the cadres of their subtree, to pick whom to assign a point to. */
  listCadres: {
    input: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(CadreRef), nextCursor: z.string().nullable() })
  },
  createPoint: {
    input: PointFields.extend({ cadreId: z.string({ error: '请选择干部' }).min(1).max(100) }),
    output: LiaisonPoint
  },
  /** Edit fields and/or reassign to another cadre (both cadres must be in the manager's subtree). */
  updatePoint: {
    input: PointFields.partial().extend({ pointId: z.string().min(1).max(100), cadreId }),
    output: LiaisonPoint
  },
  addContact: {
    input: z.object({
      name: z.string({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(20, { error: '姓名最多 20 个字' }),
      relation: z.string({ error: '请填写身份' }).trim().min(1, { error: '请填写身份（如村委会主任）' }).max(20, { error: '身份最多 20 个字' }),
      phone: Phone
    }),
    output: Contact
  },
  removeContact: { input: z.object({ contactId: z.string().min(1).max(100) }), output: z.object({ removed: z.boolean() }) }
} as const
