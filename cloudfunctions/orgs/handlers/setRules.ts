import { randomBytes } from 'node:crypto'
import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { OrgRules, RuleField } from '@/types/org-rules'
import { adminOnlyValue, editBlock, mergeRules, parseRuleValue, ruleDocId, ruleFieldLabels, ruleFields } from '@/types/rules/org-rules'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { ruleDocsFor, type OrgRulesDoc } from '../../_lib/org-rules'
import { orgById } from '../shared'
import { describe, isManagerRole, mayEdit, type RuleChangeDoc } from '../rules-shared'
import { txGet } from '../../_lib/by-id'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * One node's rules for one year, changed in one transaction with a ruleChanges entry per field changed
 * (who, when, old, new). Every value is checked by OrgRules; nothing is written when any check fails.
 */
export async function setRules(input: z.output<typeof orgsApi.setRules.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  if (!isManagerRole(user)) throw new AppError('FORBIDDEN', '只有管理员可以设置制度')
  const org = await orgById(input.orgId)
  if (!org || !mayEdit(user, org)) {
    throw new AppError('FORBIDDEN', user.role === 'admin' ? '这个单位不在您的系统内' : '管理员只能设置本单位的制度，上级的制度由上级设置')
  }
  if ((input.lock.length || input.unlock.length) && user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省活动办可以锁定或解锁制度')

  const values: Partial<Record<RuleField, unknown>> = {}
  for (const [key, raw] of Object.entries(input.values)) {
    if (!(ruleFields as string[]).includes(key)) throw new AppError('BAD_REQUEST', `没有「${key}」这一项制度`)
    const parsed = parseRuleValue(key as RuleField, raw)
    if (!parsed.ok) throw new AppError('BAD_REQUEST', `${ruleFieldLabels[key as RuleField]}：${parsed.message}`)
    values[key as RuleField] = parsed.value
    const adminOnly = user.role === 'admin' ? null : adminOnlyValue(key as RuleField, parsed.value)
    if (adminOnly) throw new AppError('FORBIDDEN', adminOnly)
  }
  const both = input.clear.find((f) => f in values) ?? input.lock.find((f) => input.unlock.includes(f))
  if (both) throw new AppError('BAD_REQUEST', `「${ruleFieldLabels[both]}」不能同时设置和清除（或锁定和解锁）`)
  const touched = [...Object.keys(values), ...input.clear] as RuleField[]
  if (!touched.length && !input.lock.length && !input.unlock.length) throw new AppError('BAD_REQUEST', '没有要修改的内容')

  const year = input.year
  const id = ruleDocId(org._id, year)
  const changes = await inTransaction(async (tx) => {
    // The ancestors' documents (for their locks) in one read; this node's own document inside the transaction.
    const ancestors = await ruleDocsFor(org.path.slice(0, -1), year)
    const ref = tx.collection('orgRules').doc(id)
    const own = await txGet<OrgRulesDoc>(tx, 'orgRules', id)
    const merged = mergeRules(org.path, own ? [...ancestors, { ...own, orgId: org._id }] : ancestors)
    for (const field of touched) {
      const block = editBlock(field, org.path, merged, user.role === 'admin')
      if (block === 'ancestorLocked') throw new AppError('FORBIDDEN', `「${ruleFieldLabels[field]}」已被上级锁定，不能修改`)
      if (block === 'adminOnly') throw new AppError('FORBIDDEN', `「${ruleFieldLabels[field]}」只有省活动办可以设置`)
      if (block === 'ownLocked') throw new AppError('FORBIDDEN', `「${ruleFieldLabels[field]}」已被省活动办锁定，不能修改`)
    }
    const nextValues: Record<string, unknown> = { ...(own?.values ?? {}) }
    const nextLocked = new Set<RuleField>(own?.locked ?? [])
    const log: Omit<RuleChangeDoc, '_id' | 'orgId' | 'orgPath' | 'year' | 'byId' | 'byName' | 'at'>[] = []
    for (const field of touched) {
      const before = nextValues[field]
      const after = field in values ? values[field] : undefined
      if (same(before, after)) continue
      if (after === undefined) delete nextValues[field]
      else nextValues[field] = after
      log.push({ field, kind: 'value', old: before ?? null, new: after ?? null })
    }
    for (const field of input.lock) {
      if (nextLocked.has(field)) continue
      nextLocked.add(field)
      log.push({ field, kind: 'lock', old: false, new: true })
    }
    for (const field of input.unlock) {
      if (!nextLocked.has(field)) continue
      nextLocked.delete(field)
      log.push({ field, kind: 'unlock', old: true, new: false })
    }
    if (!log.length) return 0
    const doc: Omit<OrgRulesDoc, '_id'> = {
      orgId: org._id,
      orgPath: org.path,
      year,
      values: nextValues as Partial<OrgRules>,
      locked: [...nextLocked],
      updatedAt: ctx.now,
      updatedBy: user._id
    }
    await ref.set({ data: doc as unknown as Record<string, unknown> })
    const tag = randomBytes(3).toString('hex')
    for (const [i, entry] of log.entries()) {
      const change: RuleChangeDoc = {
        _id: `${id}_${ctx.now.getTime().toString(36)}${tag}_${i}`,
        orgId: org._id,
        orgPath: org.path,
        year,
        ...entry,
        byId: user._id,
        byName: user.name,
        at: ctx.now
      }
      await tx.collection('ruleChanges').add({ data: change as unknown as Record<string, unknown> })
    }
    return log.length
  })
  const docs = await ruleDocsFor(org.path, year)
  return {
    rules: await describe(
      user,
      org,
      year,
      mergeRules(org.path, docs),
      docs.find((d) => d.orgId === org._id)
    ),
    changes
  }
}
