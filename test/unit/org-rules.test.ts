import { OrgRules, defaultOrgRules } from '@/types/org-rules'
import { describeRuleValue, editBlock, mergeRules, parseRuleValue, ruleFields, toServiceRules } from '@/types/rules/org-rules'
import { INVITE_ALPHABET, INVITE_RE, formatInviteCode, inviteBlock, inviteStatus, makeInviteCode, normaliseInviteCode } from '@/types/rules/invites'
import { randomBytes } from 'node:crypto'

const path = ['org-women', 'org-women-xining', 'org-women-xining-chengdong']

describe('mergeRules: 制度 inherited down the tree, field by field', () => {
  it('uses the defaults without documents, and names no source', () => {
    const m = mergeRules(path, [])
    expect(m.rules).toEqual(defaultOrgRules)
    expect(Object.values(m.source).every((s) => s === null)).toBe(true)
    expect(m.lockedBy).toEqual({})
  })

  it('lets the nearest node win, field by field, and ignores documents of other nodes', () => {
    const m = mergeRules(path, [
      { orgId: 'org-women-xining-chengdong', values: { daysTarget: 120 }, locked: [] },
      { orgId: 'org-women', values: { daysTarget: 100, ratingWindowDays: 5 }, locked: [] },
      { orgId: 'org-women-xining', values: { ratingWindowDays: 3 }, locked: [] },
      { orgId: 'org-union', values: { revisitDays: 5 }, locked: [] }
    ])
    expect(m.rules).toMatchObject({ daysTarget: 120, ratingWindowDays: 3, revisitDays: 1 })
    expect(m.source).toMatchObject({ daysTarget: 'org-women-xining-chengdong', ratingWindowDays: 'org-women-xining', revisitDays: null })
  })

  it('keeps a locked field at the locking node’s value for the whole subtree', () => {
    const m = mergeRules(path, [
      { orgId: 'org-women', values: { ratingWindowDays: 5 }, locked: ['ratingWindowDays'] },
      { orgId: 'org-women-xining', values: { ratingWindowDays: 3 }, locked: [] },
      { orgId: 'org-women-xining-chengdong', values: { ratingWindowDays: 10 }, locked: [] }
    ])
    expect(m.rules.ratingWindowDays).toBe(5)
    expect(m.source.ratingWindowDays).toBe('org-women')
    expect(m.lockedBy).toEqual({ ratingWindowDays: 'org-women' })
    // a lock without a value fixes the inherited default
    expect(
      mergeRules(path, [
        { orgId: 'org-women', values: {}, locked: ['daysTarget'] },
        { orgId: 'org-women-xining', values: { daysTarget: 1 }, locked: [] }
      ]).rules.daysTarget
    ).toBe(90)
  })

  it('overrides nested objects as a whole, so the weights still add up to 100', () => {
    const weights = { satisfaction: 45, demands: 25, badReviews: 20, fiveMustVisit: 10 }
    const m = mergeRules(path, [{ orgId: 'org-women-xining', values: { scoreWeights: weights }, locked: [] }])
    expect(m.rules.scoreWeights).toEqual(weights)
    expect(OrgRules.safeParse(m.rules).success).toBe(true)
  })

  it('says who may edit a field: admins anywhere below a lock’s node, managers nowhere locked', () => {
    const m = mergeRules(path, [{ orgId: 'org-women', values: {}, locked: ['ratingWindowDays'] }])
    expect(editBlock('ratingWindowDays', path, m, false)).toBe('ancestorLocked')
    expect(editBlock('ratingWindowDays', path, m, true)).toBe('ancestorLocked')
    expect(editBlock('ratingWindowDays', ['org-women'], m, true)).toBeNull()
    expect(editBlock('ratingWindowDays', ['org-women'], m, false)).toBe('ownLocked')
    expect(editBlock('daysTarget', path, m, false)).toBeNull()
  })

  it('lets only the province admin switch on a cadre seeing their own rank', () => {
    const m = mergeRules(path, [])
    expect(m.rules.ownRankVisible).toBe(false)
    expect(editBlock('ownRankVisible', path, m, false)).toBe('adminOnly')
    expect(editBlock('ownRankVisible', path, m, true)).toBeNull()
    expect(describeRuleValue('ownRankVisible', false)).toBe('排名只给管理员看')
    expect(describeRuleValue('satisfactionScoring', { method: 'wilson', minRatings: 5 })).toContain('置信下限')
  })

  it('checks each field against OrgRules and describes values in plain words', () => {
    expect(parseRuleValue('daysTarget', 100)).toEqual({ ok: true, value: 100 })
    expect(parseRuleValue('daysTarget', 0).ok).toBe(false)
    expect(parseRuleValue('scoreWeights', { satisfaction: 50, demands: 50, badReviews: 10, fiveMustVisit: 0 })).toEqual({
      ok: false,
      message: '各项权重加起来要等于 100'
    })
    expect(parseRuleValue('photoPolicy', 'always').ok).toBe(false)
    expect(describeRuleValue('demandDays', { urgent: 0, general: 7, complex: 15 })).toBe('紧急 当天，一般 7 天，复杂 15 天')
    expect(describeRuleValue('daysTarget', undefined)).toBe('（沿用上级）')
    expect(ruleFields).toHaveLength(Object.keys(defaultOrgRules).length)
  })

  it('hands the ledger and the ratings their part', () => {
    expect(toServiceRules({ ...defaultOrgRules, ratingWindowDays: 3, demandDays: { urgent: 1, general: 2, complex: 3 } })).toEqual({
      demandDays: { urgent: 1, general: 2, complex: 3 },
      revisitDays: 1,
      rectifyDays: 15,
      ratingWindowDays: 3,
      ratingGuard: defaultOrgRules.ratingGuard
    })
  })
})

describe('invites: who may invite whom, and the codes', () => {
  const county = ['org-women', 'org-women-xining', 'org-women-xining-chengdong']
  it('lets a manager invite cadres to their node and below, managers only below', () => {
    const m = { role: 'manager' as const, orgId: 'org-women-xining' }
    expect(inviteBlock(m, 'cadre', county)).toBeNull()
    expect(inviteBlock(m, 'manager', county)).toBeNull()
    expect(inviteBlock(m, 'cadre', county.slice(0, 2))).toBeNull()
    expect(inviteBlock(m, 'manager', county.slice(0, 2))).toMatch(/下级/)
    expect(inviteBlock(m, 'cadre', ['org-women'])).toMatch(/管理的单位/)
    expect(inviteBlock(m, 'cadre', ['org-women', 'org-women-haidong'])).toMatch(/管理的单位/)
    expect(inviteBlock({ role: 'cadre', orgId: 'org-women-xining' }, 'cadre', county)).toMatch(/只有管理员/)
    expect(inviteBlock({ role: 'admin', orgId: 'org-women' }, 'manager', ['org-women'])).toBeNull()
    expect(inviteBlock({ role: 'admin', orgId: 'org-women' }, 'cadre', ['org-union'])).toMatch(/管理的单位/)
  })

  it('makes short codes from an unambiguous alphabet and reads them back however typed', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => makeInviteCode((n) => randomBytes(n))))
    expect(codes.size).toBe(2000)
    for (const c of codes) expect(c).toMatch(INVITE_RE)
    expect(INVITE_ALPHABET).not.toMatch(/[01OIL]/)
    // all bytes rejected at first still give a code
    expect(makeInviteCode((n) => new Uint8Array(n).fill(255))).toMatch(INVITE_RE)
    expect(normaliseInviteCode(' abcd-efgh ')).toBe('ABCDEFGH')
    expect(normaliseInviteCode('ABCD EFG')).toBeNull()
    expect(normaliseInviteCode('ABCDEFG0')).toBeNull()
    expect(formatInviteCode('ABCDEFGH')).toBe('ABCD-EFGH')
  })

  it('expires after its time', () => {
    const now = new Date('2026-05-01T00:00:00Z')
    expect(inviteStatus({ status: 'pending', expiresAt: new Date('2026-05-01T00:00:01Z') }, now)).toBe('pending')
    expect(inviteStatus({ status: 'pending', expiresAt: now }, now)).toBe('expired')
    expect(inviteStatus({ status: 'used', expiresAt: new Date(0) }, now)).toBe('used')
  })
})
