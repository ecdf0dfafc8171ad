import { Text, View } from '@tarojs/components'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextArea } from '@/src/components/Field'

export type CaseAction =
  | 'revisit'
  | 'rectify'
  | 'void'
  | 'supervise'
  | 'voidRating'
  | 'keepRating'
  | 'approveExtension'
  | 'refuseExtension'
  | 'receiveReport'
  | 'answerReport'
  | 'returnReport'
  | 'reinstate'

export interface Editing {
  id: string
  action: CaseAction
  text: string
  sending: boolean
  error: string | null
}

export interface EditProps {
  editing: Editing | null
  onEdit: (e: { id: string; action: CaseAction } | null) => void
  onText: (text: string) => void
  onSend: () => void
}

/** Actions that need no words: done at a tap (签收). */
export const quickActions: readonly CaseAction[] = ['receiveReport']

const actionLabels: Record<CaseAction, { button: string; field: string }> = {
  revisit: { button: '记录回访', field: '回访情况' },
  rectify: { button: '记录整改结果', field: '整改结果（会告诉群众）' },
  void: { button: '撤销这条评价（申诉）', field: '撤销理由（会记录在案）' },
  supervise: { button: '督办', field: '督办意见' },
  voidRating: { button: '申诉成立，撤销评价', field: '撤销理由（会记录在案）' },
  keepRating: { button: '维持评价', field: '维持的理由' },
  approveExtension: { button: '同意延期', field: '审批意见' },
  refuseExtension: { button: '不同意延期', field: '不同意的理由（办结期限不变）' },
  receiveReport: { button: '签收', field: '' },
  answerReport: { button: '答复', field: '答复内容（干部会告诉群众）' },
  returnReport: { button: '退回给干部', field: '退回的理由（干部继续办理，期限不变）' },
  reinstate: { button: '恢复办理', field: '恢复的理由（原办结期限不变）' }
}

const plain: readonly CaseAction[] = ['void', 'keepRating', 'refuseExtension', 'returnReport']

/** A row's buttons, or the open form of the one tapped (a short text, then 确定). */
export function EditOrButtons({ p, id, actions }: { p: EditProps; id: string; actions: CaseAction[] }) {
  const e = p.editing
  if (e && e.id === id && !quickActions.includes(e.action)) {
    return (
      <View data-testid='edit-form'>
        <Field label={actionLabels[e.action].field}>
          <TextArea value={e.text} onChange={p.onText} maxlength={500} testId='edit-text' />
        </Field>
        {e.error ? (
          <Text className='jdq-field__error' data-testid='edit-error'>
            {e.error}
          </Text>
        ) : null}
        <BigButton onClick={p.onSend} loading={e.sending} testId='edit-send'>
          确定
        </BigButton>
        <BigButton kind='plain' onClick={() => p.onEdit(null)}>
          取消
        </BigButton>
      </View>
    )
  }
  return (
    <View>
      {e && e.id === id && e.error ? (
        <Text className='jdq-field__error' data-testid='edit-error'>
          {e.error}
        </Text>
      ) : null}
      {actions.map((a) => (
        <BigButton
          key={a}
          kind={plain.includes(a) ? 'plain' : 'primary'}
          loading={!!e && e.id === id && e.action === a && e.sending}
          onClick={() => p.onEdit({ id, action: a })}
          testId={`do-${a}`}
        >
          {actionLabels[a].button}
        </BigButton>
      ))}
    </View>
  )
}
