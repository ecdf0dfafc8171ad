import { z } from '../zod'
import { OrgLevel, System } from '../enums'
import { Cursor } from '../visits'
import { OrgRules, type RuleField } from '../org-rules'
import { ruleFields } from '../rules/org-rules'

const id = z.string().min(1).max(100)
const orgId = z.string({ error: '请选择单位' }).min(1).max(100)
const limit = z.number().int().min(1).max(50).default(20)
const year = z.number().int().min(2020).max(2100)
const RuleFieldSchema = z.enum(ruleFields as [RuleField, ...RuleField[]])

export const OrgNode = z.object({
  id: z.string(),
  name: z.string(),
  system: System,
  level: OrgLevel,
  parentId: z.string().nullable(),
  pathNames: z.array(z.string()),
  /** Active cadres and managers in the node's whole subtree. */
  cadres: z.number().int().nonnegative(),
  managers: z.number().int().nonnegative()
})
export type OrgNode = z.infer<typeof OrgNode>

export const Member = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  role: z.enum(['admin', 'manager', 'cadre']),
  orgId: z.string(),
  createdAt: z.string()
})
export type Member = z.infer<typeof Member>

export const InviteRoleSchema = z.enum(['cadre', 'manager'], { error: '请选择身份' })
export const Invite = z.object({
  code: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: InviteRoleSchema,
  name: z.string(),
  title: z.string().optional(),
  byName: z.string(),
  status: z.enum(['pending', 'used', 'revoked', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable()
})
export type Invite = z.infer<typeof Invite>

export const InviteQr = z.object({ scene: z.string(), page: z.string(), imageUrl: z.string(), h5Path: z.string() })

/** What a person sees before accepting: no one's data but the inviter's name and the node. */
export const InvitePreview = z.object({
  orgName: z.string(),
  pathNames: z.array(z.string()),
  role: InviteRoleSchema,
  name: z.string(),
  byName: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'used', 'revoked', 'expired'])
})

const Leftover = z.object({
  /** Open demands and liaison points that stay with the old node: its manager sees and reassigns them. */
  openDemands: z.number().int().nonnegative(),
  liaisonPoints: z.number().int().nonnegative(),
  message: z.string()
})

export const RuleFieldInfo = z.object({
  field: RuleFieldSchema,
  label: z.string(),
  value: z.unknown(),
  text: z.string(),
  /** Where the value comes from: null = the campaign's default. */
  source: z.object({ orgId: z.string(), orgName: z.string() }).nullable(),
  lockedBy: z.object({ orgId: z.string(), orgName: z.string() }).nullable(),
  /** This node's own document sets it. */
  overridden: z.boolean(),
  /** The caller may change it at this node. */
  editable: z.boolean()
})

export const RuleChange = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  field: RuleFieldSchema,
  label: z.string(),
  kind: z.enum(['value', 'lock', 'unlock']),
  old: z.string(),
  new: z.string(),
  byName: z.string(),
  at: z.string()
})
export type RuleChange = z.infer<typeof RuleChange>

export const EffectiveRules = z.object({
  org: z.object({ id: z.string(), name: z.string(), pathNames: z.array(z.string()) }),
  year: z.number().int(),
  rules: OrgRules,
  fields: z.array(RuleFieldInfo),
  /** The caller may lock and unlock (the province admin). */
  canLock: z.boolean()
})
export type EffectiveRules = z.infer<typeof EffectiveRules>

const BeijingDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应为 YYYY-MM-DD' })

/** One year's 法定节假日 and 调休 as every working-day deadline uses them. */
export const HolidayYear = z.object({
  year: z.number().int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  /** Where they come from: the data package, what a province admin loaded, or nothing yet (weekends only). */
  source: z.enum(['package', 'loaded', 'none']),
  loaded: z.object({ at: z.string(), byName: z.string(), note: z.string().nullable() }).nullable(),
  /** The caller may load a schedule (a province admin). */
  canLoad: z.boolean()
})
export type HolidayYear = z.infer<typeof HolidayYear>

/**
 * The `orgs` cloud function: the organisation tree and its people and the rules per
 * organisation and year (item 2). A manager works within their subtree; the province admin in their system.
 */
export const orgsApi = {
  /** A node (default: the caller's own) with its children and counts; managers only, within their subtree. */
  tree: {
    input: z.object({ orgId: id.optional() }),
    output: z.object({
      node: OrgNode,
      /** From the caller's own node down to this node's parent, for going back up. */
      trail: z.array(z.object({ id: z.string(), name: z.string() })),
      children: z.array(OrgNode)
    })
  },
  /** People bound directly to a node (not its subtree), paged by id. */
  members: {
    input: z.object({ orgId, role: z.enum(['cadre', 'manager']).optional(), cursor: Cursor, limit }),
    output: z.object({ items: z.array(Member), nextCursor: z.string().nullable() })
  },
  createInvite: {
    input: z.object({
      orgId,
      role: InviteRoleSchema,
      name: z.string({ error: '请填写被邀请人的姓名' }).trim().min(1, { error: '请填写被邀请人的姓名' }).max(20, { error: '姓名最多 20 个字' }),
      title: z.string().trim().max(20, { error: '职务最多 20 个字' }).optional()
    }),
    output: z.object({ invite: Invite, qr: InviteQr.nullable(), qrError: z.string().nullable() })
  },
  /** Invites to a node's subtree (default: the caller's), newest first. */
  listInvites: {
    input: z.object({ orgId: id.optional(), cursor: Cursor, limit }),
    output: z.object({ items: z.array(Invite), nextCursor: z.string().nullable() })
  },
  revokeInvite: { input: z.object({ code: z.string().min(1).max(20) }), output: Invite },
  /** An account not bound yet: what the code invites to. */
  peekInvite: { input: z.object({ code: z.string({ error: '请输入邀请码' }).min(1, { error: '请输入邀请码' }).max(20) }), output: InvitePreview },
  /** An unbound WeChat account binds to the invite's node and role, exactly once per code. */
  acceptInvite: {
    input: z.object({ code: z.string({ error: '请输入邀请码' }).min(1, { error: '请输入邀请码' }).max(20) }),
    output: z.object({ role: InviteRoleSchema, orgName: z.string(), name: z.string(), message: z.string() })
  },
  /** A cadre to another node of the mover's subtree: the old account keeps its history there; a new one starts. */
  moveCadre: {
    input: z.object({ cadreId: id, toOrgId: orgId }),
    output: Leftover.extend({ newId: z.string() })
  },
  /** Unbinds a cadre (or the manager of a node below the caller's); their history stays where it was earned. */
  removeCadre: {
    input: z.object({ cadreId: id, reason: z.string().trim().max(100).optional() }),
    output: Leftover
  },
  /** The rules in force for a node (default: the caller's) and Beijing year (default: this year), with their sources. */
  getRules: {
    input: z.object({ orgId: id.optional(), year: year.optional() }),
    output: EffectiveRules
  },
  /**
   * Changes this node's own rules for a year: `values` set overrides (each field checked by OrgRules),
   * `clear` goes back to inheriting, `lock` / `unlock` (province admin only) fix a field for the subtree.
   */
  setRules: {
    input: z.object({
      orgId,
      year,
      values: z.record(z.string(), z.unknown()).default({}),
      clear: z.array(RuleFieldSchema).max(20).default([]),
      lock: z.array(RuleFieldSchema).max(20).default([]),
      unlock: z.array(RuleFieldSchema).max(20).default([])
    }),
    output: z.object({ rules: EffectiveRules, changes: z.number().int().nonnegative() })
  },
  /** Every change of a node's rules for a year, newest first. */
  ruleHistory: {
    input: z.object({ orgId: id.optional(), year: year.optional(), cursor: Cursor, limit }),
    output: z.object({ items: z.array(RuleChange), nextCursor: z.string().nullable() })
  },
  /** A year's official holidays and make-up working days (staff: deadlines are counted by them). */
  holidays: { input: z.object({ year }), output: HolidayYear },
  /**
   * A province admin loads a year's schedule as the State Council published it: it replaces the data package's
   * dates for that year in every working-day deadline and reminder from then on (already set deadlines stay).
   */
  loadHolidays: {
    input: z.object({
      year,
      holidays: z.array(BeijingDate).max(60, { error: '放假日期最多 60 天' }),
      workdays: z.array(BeijingDate).max(20, { error: '调休上班日期最多 20 天' }).default([]),
      note: z.string().trim().max(100, { error: '说明最多 100 个字' }).optional()
    }),
    output: HolidayYear
  }
} as const
