import { Text, View } from '@tarojs/components'
import type { LiaisonOverview } from '@/types/points'
import { phoneProblem } from '@/types/rules/phone'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextInput } from '@/src/components/Field'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import { LiangLianStatus, PointRow } from '@/src/components/LiangLian'
import type { CloudState } from '@/src/hooks/useCloud'

export interface ContactDraft {
  name: string
  relation: string
  phone: string
}

export interface LiangLianViewProps {
  overview: Pick<CloudState<LiaisonOverview>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  draft: ContactDraft | null
  onDraft: (d: ContactDraft | null) => void
  saving: boolean
  formError: string | null
  onAdd: () => void
  /** Asks to confirm, then removes. */
  onRemove: (contactId: string, name: string) => void
  removingId: string | null
  /** 二维码 and 铭牌 of a point: residents scan it to report a problem any day. */
  onShowPlate: (pointId: string) => void
}

export const emptyContact = (): ContactDraft => ({ name: '', relation: '', phone: '' })

/** The first thing wrong with a contact, in words (null: ready). The phone rule is the server's own (types). */
export function contactProblem(d: ContactDraft): string | null {
  if (!d.name.trim()) return '请填写姓名'
  if (d.name.trim().length > 20) return '姓名最多 20 个字'
  if (!d.relation.trim()) return '请填写身份（如村委会主任）'
  return phoneProblem(d.phone)
}

/** 两联: my liaison points (assigned by managers) and my contact persons (kept by me). */
export function LiangLianView(p: LiangLianViewProps) {
  if (!p.overview.data) {
    if (p.overview.error) return <ErrorView error={p.overview.error} onRetry={p.onRetry} retrying={p.overview.loading} />
    return <LoadingView />
  }
  const o = p.overview.data
  return (
    <View data-testid='lianglian-page'>
      <LiangLianStatus pointCount={o.points.length} contactCount={o.contacts.length} viewer='self' inset testId='complete' />
      <Card title='我的联系点' testId='ll-points'>
        {o.points.length === 0 ? (
          <EmptyView title='还没有联系点' hint='联系点由本单位管理员分配，请联系管理员。' />
        ) : (
          o.points.map((pt) => (
            <PointRow key={pt.id} point={pt} testId='ll-point'>
              <View className='jdq-link' onClick={() => p.onShowPlate(pt.id)} data-testid='ll-plate'>
                <Text>联系点二维码 · 打印铭牌 ›</Text>
              </View>
            </PointRow>
          ))
        )}
      </Card>
      <Card title='我的联系人' testId='ll-contacts'>
        {o.contacts.length === 0 ? <Text className='jdq-text'>还没有联系人。请至少登记一位，比如联系点所在村（社区）的负责人。</Text> : null}
        {o.contacts.map((c) => (
          <View key={c.id} className='jdq-row' data-testid='ll-contact'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{c.name}</Text>
              <View className='jdq-link' onClick={() => (p.removingId ? undefined : p.onRemove(c.id, c.name))} data-testid='remove-contact'>
                <Text>{p.removingId === c.id ? '正在删除…' : '删除'}</Text>
              </View>
            </View>
            <Text className='jdq-row__line'>{c.relation}</Text>
            <Text className='jdq-row__line'>电话：{c.phone}</Text>
          </View>
        ))}
      </Card>
      {p.draft ? (
        <Card title='登记联系人' testId='contact-form'>
          <Field label='姓名'>
            <TextInput value={p.draft.name} onChange={(name) => p.onDraft({ ...p.draft!, name })} maxlength={20} testId='contact-name' />
          </Field>
          <Field label='身份' hint='例如：村委会主任、社区书记、企业工会主席'>
            <TextInput value={p.draft.relation} onChange={(relation) => p.onDraft({ ...p.draft!, relation })} maxlength={20} testId='contact-relation' />
          </Field>
          <Field label='电话' hint='手机 11 位，座机如 0971-1234567。只有您和您的管理员能看到完整号码。'>
            <TextInput value={p.draft.phone} onChange={(phone) => p.onDraft({ ...p.draft!, phone })} maxlength={13} type='digit' testId='contact-phone' />
          </Field>
          {p.formError ? (
            <Text className='jdq-field__error' data-testid='contact-error'>
              {p.formError}
            </Text>
          ) : null}
          <BigButton onClick={p.onAdd} loading={p.saving} testId='submit-contact'>
            保存
          </BigButton>
          <View className='jdq-gap' />
          <BigButton kind='plain' onClick={() => p.onDraft(null)} testId='cancel-contact'>
            取消
          </BigButton>
        </Card>
      ) : (
        <View className='jdq-actions'>
          <BigButton onClick={() => p.onDraft(emptyContact())} testId='open-contact'>
            ＋ 登记联系人
          </BigButton>
        </View>
      )}
    </View>
  )
}
