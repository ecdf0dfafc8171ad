import { Text, View } from '@tarojs/components'
import type { VisitSummary } from '@/types/visits'
import { fourInto } from '@/types/labels'
import { flagLabels } from '@/types/rules/check-in'
import { formatDistance } from '@/types/rules/geo'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

export type Decision = 'approve' | 'reject'

export interface ReviewViewProps {
  list: PagedState<VisitSummary>
  onRetry: () => void
  onMore: () => void
  notes: Record<string, string>
  onNote: (visitId: string, note: string) => void
  busyId: string | null
  errors: Record<string, string>
  onDecide: (visitId: string, decision: Decision) => void
}

/** Reject needs a note the cadre will read (null: the decision can be sent). */
export function decisionProblem(decision: Decision, note: string): string | null {
  if (decision === 'reject' && !note.trim()) return '不通过时请写明原因，干部会看到'
  return null
}

/** 外勤审核: check-ins outside the fence, oldest first; approve or reject with a note. */
export function ReviewView(p: ReviewViewProps) {
  const { list } = p
  const state = listState(list, p.onRetry, <EmptyView title='没有待审核的外勤' hint='干部提交外勤打卡后会出现在这里。' />)
  if (state) return state
  return (
    <View data-testid='review'>
      <RefreshError list={list} />
      <Text className='jdq-hint'>外勤通过后计入干部的下基层天数。请根据说明判断是否确在开展工作，不以打卡次数论优劣。</Text>
      {list.items.map((v) => (
        <Card key={v.id} testId='pending'>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>{v.cadreName}</Text>
            {v.offline ? <Text className='jdq-tag jdq-tag--plain'>离线补传</Text> : null}
          </View>
          <Text className='jdq-row__line'>
            {beijing(v.visitedAt).format('M月D日 HH:mm')} · {v.pointName}（{fourInto.labels[v.pointKind]}）
          </Text>
          <Text className='jdq-row__line'>
            离联系点 {formatDistance(v.distanceM)}，定位误差约 {Math.round(v.accuracyM)} 米
          </Text>
          <Text className='review-reason'>外勤说明：{v.reason ?? '（无）'}</Text>
          {v.note ? <Text className='jdq-row__line'>备注：{v.note}</Text> : null}
          {v.flags.map((f) => (
            <Text key={f} className='review-flag'>
              提示：{flagLabels[f]}
            </Text>
          ))}
          <View className='jdq-gap' />
          <Field label='审核意见（不通过时必填）'>
            <TextArea value={p.notes[v.id] ?? ''} onChange={(t) => p.onNote(v.id, t)} maxlength={200} testId={`note-${v.id}`} />
          </Field>
          {p.errors[v.id] ? (
            <Text className='jdq-field__error' data-testid='review-error'>
              {p.errors[v.id]}
            </Text>
          ) : null}
          <View className='review-actions'>
            <View className='review-actions__item'>
              <BigButton onClick={() => p.onDecide(v.id, 'approve')} loading={p.busyId === v.id} testId={`approve-${v.id}`}>
                通过
              </BigButton>
            </View>
            <View className='review-actions__item'>
              <BigButton kind='plain' onClick={() => p.onDecide(v.id, 'reject')} testId={`reject-${v.id}`}>
                不通过
              </BigButton>
            </View>
          </View>
        </Card>
      ))}
      <ListFooter list={list} onMore={p.onMore} />
    </View>
  )
}
