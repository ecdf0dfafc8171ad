import { Text, View } from '@tarojs/components'
import { roles } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextInput } from '@/src/components/Field'
import { Card, LoadingView } from '@/src/components/StateViews'

export interface InvitePreview {
  orgName: string
  pathNames: string[]
  role: 'cadre' | 'manager'
  name: string
  byName: string
  expiresAt: string
  status: 'pending' | 'used' | 'revoked' | 'expired'
}

export interface JoinViewProps {
  code: string
  onCode: (code: string) => void
  /** Looking the code up (`orgs.peekInvite`). */
  checking: boolean
  onCheck: () => void
  preview: InvitePreview | null
  accepting: boolean
  onAccept: () => void
  error: string | null
  /** Bound: the success words. */
  done: string | null
  onHome: () => void
}

const gone: Record<Exclude<InvitePreview['status'], 'pending'>, string> = {
  used: '这个邀请码已经用过了，每个邀请码只能用一次。',
  revoked: '这个邀请码已被管理员作废。',
  expired: '这个邀请码已过期（7 天内有效）。'
}

/** 加入单位: enter the invite code (or arrive from its QR code), see what it invites to, bind my WeChat. */
export function JoinView(p: JoinViewProps) {
  if (p.done) {
    return (
      <Card title='绑定成功' testId='join-done'>
        <Text className='jdq-text'>{p.done}</Text>
        <View className='jdq-gap' />
        <BigButton onClick={p.onHome} testId='join-home'>
          进入我的工作台
        </BigButton>
      </Card>
    )
  }
  return (
    <View data-testid='join'>
      <Card title='用邀请码加入单位'>
        <Text className='jdq-hint'>邀请码由本单位或上级管理员当面给您，8 位字母和数字。绑定后，您的微信就是这个单位的干部账号。</Text>
        <Field label='邀请码' error={p.error}>
          <TextInput value={p.code} onChange={p.onCode} maxlength={12} placeholder='如 ABCD-EFGH' testId='join-code' />
        </Field>
        {!p.preview ? (
          <BigButton onClick={p.onCheck} loading={p.checking} testId='join-check'>
            查看邀请
          </BigButton>
        ) : null}
      </Card>
      {p.checking && !p.preview ? <LoadingView text='正在查邀请码…' /> : null}
      {p.preview ? (
        <Card title='邀请内容' testId='join-preview'>
          <Text className='jdq-text'>
            {p.preview.byName} 邀请 {p.preview.name} 成为
          </Text>
          <Text className='jdq-row__title'>
            {p.preview.orgName} 的{roles.labels[p.preview.role]}
          </Text>
          <Text className='jdq-hint'>{p.preview.pathNames.join(' / ')}</Text>
          {p.preview.status === 'pending' ? (
            <>
              <Text className='jdq-hint'>
                {beijing(p.preview.expiresAt).format('M月D日 HH:mm')} 前有效。如果您不是 {p.preview.name}，请不要接受。
              </Text>
              <View className='jdq-gap' />
              <BigButton onClick={p.onAccept} loading={p.accepting} testId='join-accept'>
                我是 {p.preview.name}，接受邀请
              </BigButton>
            </>
          ) : (
            <Text className='jdq-field__error' data-testid='join-gone'>
              {gone[p.preview.status]}请联系邀请您的管理员。
            </Text>
          )}
        </Card>
      ) : null}
    </View>
  )
}
