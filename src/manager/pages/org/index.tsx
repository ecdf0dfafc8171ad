import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Member } from '@/types/api/orgs'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { loadMe } from '@/src/services/me'
import { toCloudError } from '@/src/services/reply'
import { OrgView, draftProblem, type CreatedInvite, type InviteDraft, type OrgViewProps } from './OrgView'

/**
 * 组织和邀请. On open: `user.me` (own node), `orgs.tree`, `orgs.members` and `orgs.listInvites` of the node shown;
 * tapping a child walks down (never above the caller's own node). Invite: `orgs.createInvite` shows the code and QR.
 */
export default function OrgPage() {
  const me = useCloud(loadMe)
  const [orgId, setOrgId] = useState<string | undefined>(undefined)
  const tree = useCloud(() => callCloud('orgs', 'tree', orgId ? { orgId } : {}), [orgId])
  const nodeId = tree.data?.node.id
  const members = usePaged(
    (cursor) => (nodeId ? callCloud('orgs', 'members', { orgId: nodeId, ...(cursor ? { cursor } : {}) }) : Promise.resolve({ items: [], nextCursor: null })),
    [nodeId]
  )
  const invites = usePaged(
    (cursor) =>
      nodeId ? callCloud('orgs', 'listInvites', { orgId: nodeId, ...(cursor ? { cursor } : {}) }) : Promise.resolve({ items: [], nextCursor: null }),
    [nodeId]
  )
  usePageRefresh(() => Promise.all([tree.reload(), members.reload(), invites.reload()]), members.loadMore)

  // Every node seen on this page: the places a cadre can be moved to (all within the caller's subtree).
  const known = useRef(new Map<string, string>())
  if (tree.data) {
    for (const t of tree.data.trail) known.current.set(t.id, t.name)
    known.current.set(tree.data.node.id, tree.data.node.name)
    for (const c of tree.data.children) known.current.set(c.id, c.name)
  }

  const [draft, setDraft] = useState<InviteDraft>({ role: 'cadre', name: '', title: '' })
  const [draftError, setDraftError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<CreatedInvite | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [moving, setMoving] = useState<OrgViewProps['moving']>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const fail = (err: unknown) => void Taro.showModal({ title: '没有办成', content: toCloudError(err).message, showCancel: false })

  const create = async () => {
    const problem = draftProblem(draft)
    setDraftError(problem)
    if (problem || !nodeId || creating) return
    setCreating(true)
    try {
      const out = await callCloud('orgs', 'createInvite', {
        orgId: nodeId,
        role: draft.role,
        name: draft.name.trim(),
        ...(draft.title.trim() ? { title: draft.title.trim() } : {})
      })
      setCreated(out)
      setDraft({ role: draft.role, name: '', title: '' })
      void invites.reload()
    } catch (err) {
      setDraftError(toCloudError(err).message)
    } finally {
      setCreating(false)
    }
  }

  const revoke = async (code: string) => {
    const ok = await Taro.showModal({ title: '作废邀请码', content: '作废后这个邀请码就不能用了，确定吗？' })
    if (!ok.confirm) return
    setBusy(code)
    try {
      const inv = await callCloud('orgs', 'revokeInvite', { code })
      invites.setItems((items) => items.map((i) => (i.code === code ? inv : i)))
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }

  const startMove = (m: Member) => {
    const targets = [...known.current].filter(([id]) => id !== m.orgId).map(([id, name]) => ({ id, name }))
    setMoving({ member: m, targets, to: null })
  }

  const confirmMove = async () => {
    if (!moving?.to) {
      void Taro.showToast({ title: '请先选择调往的单位', icon: 'none' })
      return
    }
    setBusy(moving.member.id)
    try {
      const out = await callCloud('orgs', 'moveCadre', { cadreId: moving.member.id, toOrgId: moving.to })
      setNotice(out.message)
      setMoving(null)
      void Promise.all([tree.reload(), members.reload()])
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }

  const remove = async (m: Member) => {
    const ok = await Taro.showModal({ title: `移除${m.name}`, content: '移除后 TA 的微信不再是本单位账号；TA 的走访、评价等记录保留在本单位。确定吗？' })
    if (!ok.confirm) return
    setBusy(m.id)
    try {
      const out = await callCloud('orgs', 'removeCadre', { cadreId: m.id })
      setNotice(out.message)
      members.setItems((items) => items.filter((x) => x.id !== m.id))
      void tree.reload()
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='jdq-page'>
      <OrgView
        tree={tree}
        onRetry={() => void tree.reload()}
        ownOrgId={me.data?.org?.id ?? ''}
        isAdmin={me.data?.role === 'admin'}
        onOpenRules={(id) => void Taro.navigateTo({ url: `/manager/pages/rules/index?orgId=${encodeURIComponent(id)}` })}
        onOpenNode={(id) => {
          setMoving(null)
          setCreated(null)
          setOrgId(id)
        }}
        members={members}
        onMoreMembers={() => void members.loadMore()}
        onRetryMembers={() => void members.reload()}
        invites={invites}
        onMoreInvites={() => void invites.loadMore()}
        onRetryInvites={() => void invites.reload()}
        draft={draft}
        onDraft={setDraft}
        draftError={draftError}
        creating={creating}
        onCreate={() => void create()}
        created={created}
        onRevoke={(code) => void revoke(code)}
        busy={busy}
        moving={moving}
        onStartMove={startMove}
        onMoveTarget={(to) => setMoving((m) => (m ? { ...m, to } : m))}
        onConfirmMove={() => void confirmMove()}
        onCancelMove={() => setMoving(null)}
        onRemove={(m) => void remove(m)}
        notice={notice}
      />
    </View>
  )
}
