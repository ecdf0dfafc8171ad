import { Text, View } from '@tarojs/components'
import type { Invite, Member, OrgNode } from '@/types/api/orgs'
import { orgLevels, roles, systems } from '@/types/labels'
import { formatInviteCode } from '@/types/rules/invites'
import { beijing } from '@/types/rules/beijing-time'
import { QrImage } from '@/src/components/QrImage'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

export interface TreeData {
  node: OrgNode
  trail: { id: string; name: string }[]
  children: OrgNode[]
}

export interface InviteDraft {
  role: 'cadre' | 'manager'
  name: string
  title: string
}

export interface CreatedInvite {
  invite: Invite
  qr: { imageUrl: string } | null
  qrError: string | null
}

export interface OrgViewProps {
  tree: Pick<CloudState<TreeData>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  /** The caller's own node: managers invite managers only below it (the admin anywhere). */
  ownOrgId: string
  isAdmin: boolean
  onOpenNode: (orgId: string) => void
  /** 制度设置 of the node shown. */
  onOpenRules?: (orgId: string) => void
  members: PagedState<Member>
  onMoreMembers: () => void
  onRetryMembers: () => void
  invites: PagedState<Invite>
  onMoreInvites: () => void
  onRetryInvites: () => void
  draft: InviteDraft
  onDraft: (d: InviteDraft) => void
  draftError: string | null
  creating: boolean
  onCreate: () => void
  created: CreatedInvite | null
  onRevoke: (code: string) => void
  busy: string | null
  /** A member being moved: pick the node. */
  moving: { member: Member; targets: { id: string; name: string }[]; to: string | null } | null
  onStartMove: (m: Member) => void
  onMoveTarget: (orgId: string) => void
  onConfirmMove: () => void
  onCancelMove: () => void
  onRemove: (m: Member) => void
  /** The last move or removal: what stays with the old node. */
  notice: string | null
}

/** A name, then a problem to show (null: the invite can be sent). */
export function draftProblem(d: InviteDraft): string | null {
  if (!d.name.trim()) return '请填写被邀请人的姓名'
  if (d.name.trim().length > 20) return '姓名最多 20 个字'
  return null
}

const statusLabels: Record<Invite['status'], string> = { pending: '待使用', used: '已使用', revoked: '已作废', expired: '已过期' }
const statusTag: Record<Invite['status'], string> = { pending: 'jdq-tag--wait', used: 'jdq-tag--ok', revoked: 'jdq-tag--plain', expired: 'jdq-tag--plain' }

/** 组织和邀请: my node and its children, the members of the node shown, inviting and the invites. */
export function OrgView(p: OrgViewProps) {
  if (!p.tree.data) {
    if (p.tree.error) return <ErrorView error={p.tree.error} onRetry={p.onRetry} retrying={p.tree.loading} />
    return <LoadingView />
  }
  const { node, trail, children } = p.tree.data
  const managerInviteAllowed = p.isAdmin || node.id !== p.ownOrgId
  return (
    <View data-testid='org'>
      {p.tree.error ? (
        <View className='jdq-banner jdq-banner--warn'>
          <Text>刷新没有成功：{p.tree.error.message}</Text>
        </View>
      ) : null}
      {p.notice ? (
        <View className='jdq-banner jdq-banner--ok' data-testid='org-notice'>
          <Text>{p.notice}</Text>
        </View>
      ) : null}
      <Card title={node.name} testId='org-node'>
        <Text className='jdq-text'>
          {systems.labels[node.system]} · {orgLevels.labels[node.level]} · 干部 {node.cadres} 人 · 管理员 {node.managers} 人
        </Text>
        <Text className='jdq-hint'>{node.pathNames.join(' / ')}</Text>
        {p.onOpenRules ? (
          <View className='jdq-link' onClick={() => p.onOpenRules?.(node.id)} data-testid='org-rules'>
            <Text>这个单位的制度 ›</Text>
          </View>
        ) : null}
        {trail.length ? (
          <View className='jdq-link' onClick={() => p.onOpenNode(trail[trail.length - 1].id)} data-testid='org-up'>
            <Text>‹ 返回 {trail[trail.length - 1].name}</Text>
          </View>
        ) : null}
      </Card>

      {children.length ? (
        <Card title='下级单位' testId='org-children'>
          {children.map((c) => (
            <View key={c.id} className='jdq-row org-child' onClick={() => p.onOpenNode(c.id)} data-testid={`child-${c.id}`}>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{c.name}</Text>
                <Text className='org-child__go'>查看 ›</Text>
              </View>
              <Text className='jdq-row__line'>
                干部 {c.cadres} 人 · 管理员 {c.managers} 人
              </Text>
            </View>
          ))}
        </Card>
      ) : null}

      <Card title='本单位成员' testId='org-members'>
        <MembersList {...p} />
      </Card>

      <Card title='邀请加入' testId='org-invite'>
        <Text className='jdq-hint'>生成一次性邀请码（7 天有效）。对方用微信扫二维码，或在首页“加入单位”里输入邀请码，即可绑定。每个邀请码只能用一次。</Text>
        <Field label='邀请的身份'>
          <Chips
            options={[{ value: 'cadre', label: '本单位干部' }, ...(managerInviteAllowed ? [{ value: 'manager' as const, label: '本单位管理员' }] : [])]}
            value={p.draft.role}
            onChange={(role) => p.onDraft({ ...p.draft, role })}
            testId='invite-role'
          />
        </Field>
        {!managerInviteAllowed ? <Text className='jdq-hint'>本级管理员由上级邀请；您可以进入下级单位邀请那里的管理员。</Text> : null}
        <Field label='姓名' error={p.draftError} testId='invite-name-field'>
          <TextInput
            value={p.draft.name}
            onChange={(name) => p.onDraft({ ...p.draft, name })}
            maxlength={20}
            placeholder='被邀请人的真实姓名'
            testId='invite-name'
          />
        </Field>
        <Field label='职务（可不填）'>
          <TextInput
            value={p.draft.title}
            onChange={(title) => p.onDraft({ ...p.draft, title })}
            maxlength={20}
            placeholder='如：组织部干事'
            testId='invite-title'
          />
        </Field>
        <BigButton onClick={p.onCreate} loading={p.creating} testId='invite-create'>
          生成邀请码
        </BigButton>
        {p.created ? <CreatedCard created={p.created} /> : null}
      </Card>

      <Card title='邀请记录' testId='org-invites'>
        <InvitesList {...p} />
      </Card>
    </View>
  )
}

function CreatedCard({ created }: { created: CreatedInvite }) {
  const { invite, qr, qrError } = created
  return (
    <View className='org-created' data-testid='invite-created'>
      <Text className='jdq-text'>
        邀请 {invite.name} 成为{invite.orgName}的{roles.labels[invite.role]}，邀请码：
      </Text>
      <Text className='org-code' data-testid='invite-code'>
        {formatInviteCode(invite.code)}
      </Text>
      {qr ? <QrImage src={qr.imageUrl} testId='invite-qr' /> : null}
      {qrError ? <Text className='jdq-hint'>{qrError}</Text> : null}
      <Text className='jdq-hint'>{beijing(invite.expiresAt).format('M月D日 HH:mm')} 前有效。请当面交给本人，不要发到群里。</Text>
    </View>
  )
}

function MembersList(p: OrgViewProps) {
  const state = listState(p.members, p.onRetryMembers, <EmptyView title='这个单位还没有成员' hint='在下面生成邀请码，请干部加入。' />)
  if (state) return <>{state}</>
  return (
    <View>
      {p.members.items.map((m) => (
        <View key={m.id} className='jdq-row' data-testid={`member-${m.id}`}>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>{m.name}</Text>
            <Text className={`jdq-tag ${m.role === 'cadre' ? 'jdq-tag--plain' : 'jdq-tag--ok'}`}>{roles.labels[m.role]}</Text>
          </View>
          {m.title ? <Text className='jdq-row__line'>{m.title}</Text> : null}
          {p.moving?.member.id === m.id ? (
            <MovePanel {...p} />
          ) : m.role === 'admin' ? null : (
            <View className='jdq-actions org-actions'>
              {m.role === 'cadre' ? (
                <View className='org-actions__item'>
                  <BigButton kind='plain' onClick={() => p.onStartMove(m)} testId={`move-${m.id}`}>
                    调动
                  </BigButton>
                </View>
              ) : null}
              <View className='org-actions__item'>
                <BigButton kind='plain' onClick={() => p.onRemove(m)} loading={p.busy === m.id} testId={`remove-${m.id}`}>
                  移除
                </BigButton>
              </View>
            </View>
          )}
        </View>
      ))}
      <ListFooter list={p.members} onMore={p.onMoreMembers} />
    </View>
  )
}

function MovePanel(p: OrgViewProps) {
  const moving = p.moving!
  return (
    <View className='org-move' data-testid='move-panel'>
      <Text className='jdq-text'>把 {moving.member.name} 调到：</Text>
      {moving.targets.length ? (
        <Chips options={moving.targets.map((t) => ({ value: t.id, label: t.name }))} value={moving.to} onChange={p.onMoveTarget} testId='move-target' />
      ) : (
        <Text className='jdq-hint'>您管理的范围内没有其他单位可调。先打开要调往的单位看一眼，它就会出现在这里。</Text>
      )}
      <Text className='jdq-hint'>调动后，TA 在本单位的走访、评价和台账记录留在本单位；没办完的诉求和联系点请重新分派。</Text>
      <View className='jdq-actions org-actions'>
        <View className='org-actions__item'>
          <BigButton onClick={p.onConfirmMove} loading={p.busy === moving.member.id} testId='move-confirm'>
            确认调动
          </BigButton>
        </View>
        <View className='org-actions__item'>
          <BigButton kind='plain' onClick={p.onCancelMove} testId='move-cancel'>
            取消
          </BigButton>
        </View>
      </View>
    </View>
  )
}

function InvitesList(p: OrgViewProps) {
  const state = listState(p.invites, p.onRetryInvites, <EmptyView title='还没有邀请' />)
  if (state) return <>{state}</>
  return (
    <View>
      {p.invites.items.map((i) => (
        <View key={i.code} className='jdq-row' data-testid={`invite-${i.code}`}>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>
              {i.name} · {roles.labels[i.role]}
            </Text>
            <Text className={`jdq-tag ${statusTag[i.status]}`}>{statusLabels[i.status]}</Text>
          </View>
          <Text className='jdq-row__line'>
            {i.orgName} · 邀请码 {formatInviteCode(i.code)} · {i.byName} 于 {beijing(i.createdAt).format('M月D日')} 生成
          </Text>
          {i.status === 'pending' ? (
            <BigButton kind='plain' onClick={() => p.onRevoke(i.code)} loading={p.busy === i.code} testId={`revoke-${i.code}`}>
              作废这个邀请码
            </BigButton>
          ) : null}
        </View>
      ))}
      <ListFooter list={p.invites} onMore={p.onMoreInvites} />
    </View>
  )
}
