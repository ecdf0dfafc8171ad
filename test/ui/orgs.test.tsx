import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { EffectiveRules, Invite, Member, OrgNode, RuleChange } from '@/types/api/orgs'
import type { Feedback } from '@/types/api/feedback'
import { defaultOrgRules } from '@/types/org-rules'
import { describeRuleValue, ruleFieldLabels, ruleFields } from '@/types/rules/org-rules'
import { HomeView } from '@/src/pages/index/HomeView'
import { OrgView, draftProblem, type OrgViewProps } from '@/src/manager/pages/org/OrgView'
import { RulesView, draftOf, valueOf, type RulesViewProps } from '@/src/manager/pages/rules/RulesView'
import { FeedbackAdminView, type FeedbackAdminViewProps } from '@/src/manager/pages/feedback/FeedbackAdminView'
import { JoinView, type JoinViewProps } from '@/src/account/pages/join/JoinView'
import { FeedbackView, emptyFeedbackForm, formProblems, type FeedbackViewProps } from '@/src/account/pages/feedback/FeedbackView'
import { CloudError } from '@/src/services/reply'
import { paged, resident } from './fixtures'
import { idle } from './cadre-fixtures'

const type = (testId: string, value: string) => screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value } }))

const node = (over: Partial<OrgNode> = {}): OrgNode => ({
  id: 'org-women-xining',
  name: '西宁市妇联',
  system: 'women',
  level: 'prefecture',
  parentId: 'org-women',
  pathNames: ['青海省妇联', '西宁市妇联'],
  cadres: 6,
  managers: 4,
  ...over
})
const county = node({
  id: 'org-women-xining-chengdong',
  name: '城东区妇联',
  level: 'county',
  parentId: 'org-women-xining',
  pathNames: ['青海省妇联', '西宁市妇联', '城东区妇联'],
  cadres: 2,
  managers: 1
})
const ma: Member = { id: 'u-ma', name: '马晓燕', title: '干事', role: 'cadre', orgId: 'org-women-xining', createdAt: '2026-01-05T02:00:00.000Z' }
const invite: Invite = {
  code: 'ABCD2345',
  orgId: county.id,
  orgName: '城东区妇联',
  role: 'cadre',
  name: '王新',
  byName: '张丽',
  status: 'pending',
  createdAt: '2026-11-28T02:00:00.000Z',
  expiresAt: '2026-12-05T02:00:00.000Z',
  usedAt: null
}

const orgBase: OrgViewProps = {
  tree: { ...idle, data: { node: node(), trail: [], children: [county] } },
  onRetry: () => {},
  ownOrgId: 'org-women-xining',
  isAdmin: false,
  onOpenNode: () => {},
  members: paged({ items: [ma] }),
  onMoreMembers: () => {},
  onRetryMembers: () => {},
  invites: paged({ items: [invite] }),
  onMoreInvites: () => {},
  onRetryInvites: () => {},
  draft: { role: 'cadre', name: '', title: '' },
  onDraft: () => {},
  draftError: null,
  creating: false,
  onCreate: () => {},
  created: null,
  onRevoke: () => {},
  busy: null,
  moving: null,
  onStartMove: () => {},
  onMoveTarget: () => {},
  onConfirmMove: () => {},
  onCancelMove: () => {},
  onRemove: () => {},
  notice: null
}

describe('组织和邀请 (managers)', () => {
  it('shows my node with counts, walks down into a child, lists members and invites', async () => {
    const [open, rules] = [jest.fn(), jest.fn()]
    render(<OrgView {...orgBase} onOpenNode={open} onOpenRules={rules} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('org-rules'))
    })
    expect(rules).toHaveBeenCalledWith('org-women-xining')
    expect(screen.getByTestId('org-node').textContent).toContain('干部 6 人 · 管理员 4 人')
    expect(screen.getByTestId(`child-${county.id}`).textContent).toContain('城东区妇联')
    await act(async () => {
      fireEvent.click(screen.getByTestId(`child-${county.id}`))
    })
    expect(open).toHaveBeenCalledWith(county.id)
    expect(screen.getByTestId('member-u-ma').textContent).toContain('马晓燕')
    expect(screen.getByTestId(`invite-${invite.code}`).textContent).toContain('ABCD-2345')
    expect(screen.getByTestId(`invite-${invite.code}`).textContent).toContain('待使用')
  })

  it('offers a manager invite only below my own node (the admin anywhere), and shows the created code and QR', () => {
    const { rerender } = render(<OrgView {...orgBase} />)
    expect(screen.queryByTestId('invite-role-manager')).toBeNull()
    rerender(<OrgView {...orgBase} tree={{ ...idle, data: { node: county, trail: [{ id: 'org-women-xining', name: '西宁市妇联' }], children: [] } }} />)
    expect(screen.getByTestId('invite-role-manager')).toBeTruthy()
    expect(screen.getByTestId('org-up').textContent).toContain('返回 西宁市妇联')
    rerender(<OrgView {...orgBase} created={{ invite, qr: { imageUrl: 'https://example.test/qr.png' }, qrError: null }} />)
    expect(screen.getByTestId('invite-code').textContent).toBe('ABCD-2345')
    expect(screen.getByTestId('invite-qr').getAttribute('src')).toBe('https://example.test/qr.png')
    rerender(<OrgView {...orgBase} created={{ invite, qr: null, qrError: '二维码暂时生成不了' }} />)
    expect(screen.getByTestId('invite-created').textContent).toContain('二维码暂时生成不了')
  })

  it('sends the invite form, revoke, move and remove to the page', async () => {
    const [draft, create, revoke, move, target, confirm, remove] = Array.from({ length: 7 }, () => jest.fn())
    const { rerender } = render(
      <OrgView {...orgBase} onDraft={draft} onCreate={create} onRevoke={revoke} onStartMove={move} onRemove={remove} draftError='请填写被邀请人的姓名' />
    )
    await act(async () => {
      type('invite-name', '王新')
      fireEvent.click(screen.getByTestId('invite-create'))
      fireEvent.click(screen.getByTestId(`revoke-${invite.code}`))
      fireEvent.click(screen.getByTestId('move-u-ma'))
      fireEvent.click(screen.getByTestId('remove-u-ma'))
    })
    expect(draft).toHaveBeenCalledWith({ role: 'cadre', name: '王新', title: '' })
    expect(screen.getByTestId('invite-name-field-error').textContent).toContain('姓名')
    expect([create.mock.calls.length, revoke.mock.calls[0], move.mock.calls[0][0].id, remove.mock.calls[0][0].id]).toEqual([1, [invite.code], 'u-ma', 'u-ma'])
    rerender(
      <OrgView
        {...orgBase}
        moving={{ member: ma, targets: [{ id: county.id, name: '城东区妇联' }], to: null }}
        onMoveTarget={target}
        onConfirmMove={confirm}
        notice='1 件未办结的诉求留在原单位'
      />
    )
    await act(async () => {
      fireEvent.click(screen.getByTestId(`move-target-${county.id}`))
      fireEvent.click(screen.getByTestId('move-confirm'))
    })
    expect(target).toHaveBeenCalledWith(county.id)
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('org-notice').textContent).toContain('留在原单位')
    expect(draftProblem({ role: 'cadre', name: '  ', title: '' })).toBe('请填写被邀请人的姓名')
    expect(draftProblem({ role: 'cadre', name: '王新', title: '' })).toBeNull()
  })

  it('loading, error and empty states', () => {
    const { rerender } = render(<OrgView {...orgBase} tree={{ loading: true, error: null, data: undefined }} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<OrgView {...orgBase} tree={{ loading: false, error: new CloudError('FORBIDDEN', '只有管理员可以做这件事'), data: undefined }} />)
    expect(screen.getByTestId('error').textContent).toContain('只有管理员')
    rerender(<OrgView {...orgBase} members={paged()} invites={paged()} />)
    expect(screen.getByTestId('org-members').textContent).toContain('还没有成员')
    expect(screen.getByTestId('org-invites').textContent).toContain('还没有邀请')
  })
})

const effective = (over: Partial<{ editable: boolean; canLock: boolean; lockedWindow: boolean }> = {}): EffectiveRules => ({
  org: { id: county.id, name: '城东区妇联', pathNames: county.pathNames },
  year: 2026,
  rules: { ...defaultOrgRules, daysTarget: 95 },
  canLock: over.canLock ?? false,
  fields: ruleFields.map((field) => ({
    field,
    label: ruleFieldLabels[field],
    value: field === 'daysTarget' ? 95 : defaultOrgRules[field],
    text: describeRuleValue(field, field === 'daysTarget' ? 95 : defaultOrgRules[field]),
    source: field === 'daysTarget' ? { orgId: 'org-women-xining', orgName: '西宁市妇联' } : null,
    lockedBy: field === 'ratingWindowDays' && over.lockedWindow !== false ? { orgId: 'org-women', orgName: '青海省妇联' } : null,
    overridden: false,
    editable: (over.editable ?? true) && field !== 'ratingWindowDays'
  }))
})
const change: RuleChange = {
  id: 'rc-1',
  orgId: county.id,
  orgName: '城东区妇联',
  year: 2026,
  field: 'daysTarget',
  label: '每年下基层天数目标',
  kind: 'value',
  old: '（沿用上级）',
  new: '120',
  byName: '张丽',
  at: '2026-11-28T02:00:00.000Z'
}
const rulesBase: RulesViewProps = {
  rules: { ...idle, data: effective() },
  onRetry: () => {},
  years: [2026, 2027],
  year: 2026,
  onYear: () => {},
  editing: null,
  onEdit: () => {},
  onDraft: () => {},
  onSave: () => {},
  onCancel: () => {},
  onClear: () => {},
  onLock: () => {},
  saving: false,
  history: paged({ items: [change] }),
  onMoreHistory: () => {},
  onRetryHistory: () => {}
}

describe('制度设置', () => {
  it('shows each rule, where it comes from and what is locked; edits only where allowed', async () => {
    const edit = jest.fn()
    render(<RulesView {...rulesBase} onEdit={edit} />)
    expect(screen.getByTestId('rule-daysTarget').textContent).toContain('沿用 西宁市妇联')
    expect(screen.getByTestId('rule-ratingWindowDays').textContent).toContain('由 青海省妇联 锁定')
    expect(screen.queryByTestId('edit-ratingWindowDays')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('edit-daysTarget'))
    })
    expect(edit).toHaveBeenCalledWith('daysTarget')
    expect(screen.getByTestId('rule-change').textContent).toContain('（沿用上级） → 120')
    expect(screen.queryByTestId('lock-daysTarget')).toBeNull()
  })

  it('lets the admin lock; the editor reports problems and saves', async () => {
    const [lock, save] = [jest.fn(), jest.fn()]
    render(
      <RulesView
        {...rulesBase}
        rules={{ ...idle, data: effective({ canLock: true, lockedWindow: false }) }}
        onLock={lock}
        onSave={save}
        editing={{ field: 'scoreWeights', draft: draftOf('scoreWeights', defaultOrgRules.scoreWeights), error: '各项权重加起来要等于 100（现在是 90）' }}
      />
    )
    await act(async () => {
      fireEvent.click(screen.getByTestId('lock-daysTarget'))
      fireEvent.click(screen.getByTestId('rule-save'))
    })
    expect(lock).toHaveBeenCalledWith('daysTarget', true)
    expect(save).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('rule-error').textContent).toContain('等于 100')
  })

  it('edits how satisfaction is scored by choosing the method and typing the count; says what the rules mean in words', () => {
    const onDraft = jest.fn()
    render(
      <RulesView
        {...rulesBase}
        onDraft={onDraft}
        editing={{ field: 'satisfactionScoring', draft: draftOf('satisfactionScoring', defaultOrgRules.satisfactionScoring), error: null }}
      />
    )
    expect(screen.getByTestId('rule-satisfactionScoring').textContent).toContain('满 5 条评价才计分，按满意率计')
    expect(screen.getByTestId('rule-ownRankVisible').textContent).toContain('排名只给管理员看')
    expect(screen.getByTestId('rule-scoreWeights').textContent).toContain('下基层天数只看进度，不计分')
    expect(screen.getByTestId('rule-choice-method-minRatings').getAttribute('data-selected')).toBe('true')
    fireEvent.click(screen.getByTestId('rule-choice-method-wilson'))
    expect(onDraft).toHaveBeenCalledWith({ method: 'wilson', minRatings: '5' })
    expect((screen.getByTestId('rule-input-minRatings') as HTMLInputElement).getAttribute('value') ?? '').toBe('5')
  })

  it('turns the editor’s text into values and back', () => {
    expect(valueOf('daysTarget', { '': '120' })).toEqual({ value: 120 })
    expect(valueOf('daysTarget', { '': '九十' })).toEqual({ error: '请填写数字' })
    expect(valueOf('honours', draftOf('honours', defaultOrgRules.honours))).toEqual({ value: defaultOrgRules.honours })
    expect(draftOf('honours', defaultOrgRules.honours).minSatisfaction).toBe('90')
    expect(valueOf('scoreWeights', { ...draftOf('scoreWeights', defaultOrgRules.scoreWeights), satisfaction: '30' })).toEqual({
      error: '各项权重加起来要等于 100（现在是 90）'
    })
    expect(draftOf('scoreWeights', defaultOrgRules.scoreWeights)).not.toHaveProperty('days')
    expect(valueOf('photoPolicy', { '': 'off' })).toEqual({ value: 'off' })
    // The rules this product's scores answer to: how satisfaction is scored, whether a cadre sees their rank, who
    // approves a cadre's 请假.
    expect(valueOf('satisfactionScoring', draftOf('satisfactionScoring', { method: 'wilson', minRatings: 5 }))).toEqual({
      value: { method: 'wilson', minRatings: 5 }
    })
    expect(valueOf('ownRankVisible', draftOf('ownRankVisible', false))).toEqual({ value: false })
    expect(valueOf('ownRankVisible', { '': 'true' })).toEqual({ value: true })
    expect(valueOf('absenceApproval', { '': 'self' })).toEqual({ value: 'self' })
  })

  it('loading and error states', () => {
    const { rerender } = render(<RulesView {...rulesBase} rules={{ loading: true, error: null, data: undefined }} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<RulesView {...rulesBase} rules={{ loading: false, error: new CloudError('FORBIDDEN', '这个单位不在您的范围内'), data: undefined }} />)
    expect(screen.getByTestId('error').textContent).toContain('不在您的范围内')
    rerender(<RulesView {...rulesBase} history={paged()} />)
    expect(screen.getByTestId('rules-history').textContent).toContain('还没有修改过')
  })
})

const fb: Feedback = {
  id: 'fb-1',
  kind: 'complaint',
  to: 'all',
  text: '村口的路灯坏了好久没人管',
  contact: { name: '马大姐', phone: '13912345678', masked: false },
  from: '群众',
  createdAt: '2026-11-28T02:00:00.000Z',
  answer: null
}

describe('投诉建议', () => {
  it('admin: lists with the contact, answers reach the page, tabs switch', async () => {
    const [answer, tab, draft] = [jest.fn(), jest.fn(), jest.fn()]
    const base: FeedbackAdminViewProps = {
      tab: 'unanswered',
      onTab: tab,
      list: paged({ items: [fb] }),
      onRetry: () => {},
      onMore: () => {},
      drafts: {},
      onDraft: draft,
      errors: {},
      busyId: null,
      onAnswer: answer
    }
    const { rerender } = render(<FeedbackAdminView {...base} />)
    expect(screen.getByTestId('feedback-item').textContent).toContain('13912345678')
    await act(async () => {
      type('answer-fb-1', '已转城东区处理')
      fireEvent.click(screen.getByTestId('send-fb-1'))
      fireEvent.click(screen.getByTestId('feedback-tab-answered'))
    })
    expect(draft).toHaveBeenCalledWith('fb-1', '已转城东区处理')
    expect(answer).toHaveBeenCalledWith('fb-1')
    expect(tab).toHaveBeenCalledWith('answered')
    rerender(<FeedbackAdminView {...base} list={paged()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有待回复')
  })

  it('anyone: the form checks itself, residents choose the office, my submissions show answers', async () => {
    const [form, send] = [jest.fn(), jest.fn()]
    const mine = {
      ...fb,
      contact: { phone: '139****5678', masked: true },
      answer: { text: '已修好', byName: '李主任', system: 'women' as const, at: '2026-11-29T02:00:00.000Z' }
    }
    const base: FeedbackViewProps = {
      chooseTo: true,
      form: emptyFeedbackForm,
      onForm: form,
      problems: {},
      sending: false,
      onSend: send,
      sendError: null,
      mine: paged({ items: [mine] }),
      onRetryMine: () => {},
      onMoreMine: () => {}
    }
    const { rerender } = render(<FeedbackView {...base} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('fb-kind-suggestion'))
      fireEvent.click(screen.getByTestId('fb-send'))
    })
    expect(form).toHaveBeenCalledWith({ ...emptyFeedbackForm, kind: 'suggestion' })
    expect(send).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('fb-item').textContent).toContain('答复：已修好')
    expect(screen.getByTestId('fb-to')).toBeTruthy()
    rerender(<FeedbackView {...base} chooseTo={false} mine={paged()} sendError='每天最多提交 5 条，请明天再来' />)
    expect(screen.queryByTestId('fb-to')).toBeNull()
    expect(screen.getByTestId('fb-error').textContent).toContain('每天最多')
    expect(screen.getByTestId('fb-mine').textContent).toContain('还没有提交过')
    expect(formProblems(emptyFeedbackForm)).toEqual({ kind: 'error.kind', text: 'error.text' })
    expect(formProblems({ ...emptyFeedbackForm, kind: 'complaint', text: '路灯坏了好久', contactPhone: '123' })).toEqual({ contactPhone: 'error.phone' })
    rerender(<FeedbackView {...base} problems={formProblems(emptyFeedbackForm)} />)
    expect(screen.getByTestId('feedback').textContent).toContain('请至少写 5 个字')
  })

  it('is linked from the home page for everyone; 加入单位 for residents', async () => {
    const [feedback, join] = [jest.fn(), jest.fn()]
    render(<HomeView me={{ ...idle, data: resident }} onRetry={() => {}} onOpenManager={() => {}} account={{ onOpenFeedback: feedback, onOpenJoin: join }} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-feedback'))
      fireEvent.click(screen.getByTestId('open-join'))
    })
    expect([feedback.mock.calls.length, join.mock.calls.length]).toEqual([1, 1])
  })
})

describe('加入单位', () => {
  const preview = {
    orgName: '城东区妇联',
    pathNames: ['青海省妇联', '西宁市妇联', '城东区妇联'],
    role: 'cadre' as const,
    name: '王新',
    byName: '张丽',
    expiresAt: '2026-12-05T02:00:00.000Z',
    status: 'pending' as const
  }
  const base: JoinViewProps = {
    code: '',
    onCode: () => {},
    checking: false,
    onCheck: () => {},
    preview: null,
    accepting: false,
    onAccept: () => {},
    error: null,
    done: null,
    onHome: () => {}
  }

  it('checks a typed code, shows what it invites to, accepts', async () => {
    const [code, check, accept] = [jest.fn(), jest.fn(), jest.fn()]
    const { rerender } = render(<JoinView {...base} onCode={code} onCheck={check} error='邀请码不对，请核对后再输入' />)
    await act(async () => {
      type('join-code', 'abcd-2345')
      fireEvent.click(screen.getByTestId('join-check'))
    })
    expect(code).toHaveBeenCalledWith('abcd-2345')
    expect(check).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('join').textContent).toContain('邀请码不对')
    rerender(<JoinView {...base} preview={preview} onAccept={accept} />)
    expect(screen.getByTestId('join-preview').textContent).toContain('城东区妇联 的干部')
    await act(async () => {
      fireEvent.click(screen.getByTestId('join-accept'))
    })
    expect(accept).toHaveBeenCalledTimes(1)
    rerender(<JoinView {...base} preview={{ ...preview, status: 'used' }} />)
    expect(screen.getByTestId('join-gone').textContent).toContain('只能用一次')
    expect(screen.queryByTestId('join-accept')).toBeNull()
    rerender(<JoinView {...base} done='绑定成功！您现在是城东区妇联的干部' />)
    expect(screen.getByTestId('join-done').textContent).toContain('绑定成功')
  })
})
