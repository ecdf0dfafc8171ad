import { Text, View } from '@tarojs/components'
import type { DemandDetail } from '@/types/demands'
import {
  demandAreas,
  demandStatusLabels,
  extensionStatusLabels,
  invalidKindLabels,
  problemHandlingLabels,
  ratingLevels,
  reportStateLabels,
  timelineLabels,
  urgencies
} from '@/types/labels'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import { VoicePlayer } from '@/src/components/VoicePlayer'
import type { VoicePlayerState } from '@/src/hooks/useVoicePlayer'
import type { CloudState } from '@/src/hooks/useCloud'
import { dateText, visitTime } from '../../format'
import { actionSpecs, buttonsFor, fieldsOf, type DemandAction, type FormContext } from './actions'

export interface DemandViewProps {
  demand: CloudState<DemandDetail>
  onRetry: () => void
  /** The cadre who owes it: once answered to the person, their QR code for the rating. */
  isOwner: boolean
  action: DemandAction | null
  onAction: (a: DemandAction | null) => void
  values: Record<string, string>
  onValue: (key: string, value: string) => void
  onSubmit: () => void
  submitting: boolean
  error: string | null
  onShowQr: () => void
  /** Choices a form needs from elsewhere (the ledger's other entries, for a duplicate). */
  formContext?: FormContext
  /** Plays the resident's voice message, when the demand has one. */
  voice?: VoicePlayerState
}

/**
 * One demand: what, who, the deadline the rules set (and any extension), where a report stands or why it was set
 * aside, the timeline of every step, and the next steps the server says this viewer may take.
 */
export function DemandView(p: DemandViewProps) {
  const d = p.demand.data
  if (!d) {
    if (p.demand.error) return <ErrorView error={p.demand.error} onRetry={p.onRetry} retrying={p.demand.loading} />
    return <LoadingView />
  }
  return (
    <View data-testid='demand-detail'>
      <Facts d={d} voice={p.voice} />
      {d.report ? <ReportCard d={d} /> : null}
      {d.extensions.length ? <ExtensionsCard d={d} /> : null}
      <Card title='办理过程' testId='timeline'>
        {d.timeline.map((s, i) => (
          <View className='jdq-row' key={i} data-testid='step'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{timelineLabels[s.kind]}</Text>
              <Text className='jdq-row__line'>{visitTime(s.at)}</Text>
            </View>
            <Text className='jdq-row__line'>
              {s.byName}
              {s.note ? `：${s.note}` : ''}
            </Text>
          </View>
        ))}
      </Card>
      <Actions {...p} demand={d} />
    </View>
  )
}

function Facts({ d, voice }: { d: DemandDetail; voice?: VoicePlayerState }) {
  const extended = d.deadlineAt !== d.firstDeadlineAt
  return (
    <Card title={`${demandAreas.labels[d.area]} · ${d.triaged ? urgencies[d.urgency] : '待定紧急程度'}`}>
      <Text className='jdq-row__line' data-testid='demand-text'>
        {d.text}
      </Text>
      {d.voice && voice ? <VoicePlayer durationMs={d.voice.durationMs} player={voice} /> : null}
      <Text className='jdq-row__line'>
        状态：<Text data-testid='demand-status'>{demandStatusLabels[d.status]}</Text>
        {d.overdue ? (
          <Text className='jdq-tag jdq-tag--bad' data-testid='tag-overdue'>
            超期
          </Text>
        ) : null}
        {d.urgentHint ? (
          <Text className='jdq-tag jdq-tag--wait' data-testid='tag-urgent-hint'>
            群众说急
          </Text>
        ) : null}
        {d.pendingExtension ? (
          <Text className='jdq-tag jdq-tag--wait' data-testid='tag-extension'>
            延期待审批
          </Text>
        ) : null}
      </Text>
      {d.status === 'invalid' ? null : (
        <Text className='jdq-row__line' data-testid='demand-deadline'>
          办结期限：{dateText(d.deadlineAt)}
          {extended ? `（原期限 ${dateText(d.firstDeadlineAt)}，已批准延期）` : ''}
        </Text>
      )}
      {d.departmentDueAt ? <Text className='jdq-row__line'>与承办部门约定：{dateText(d.departmentDueAt)}</Text> : null}
      {d.round > 1 ? (
        <Text className='jdq-row__line' data-testid='demand-round'>
          第 {d.round} 轮办理（群众不满意，重办）
        </Text>
      ) : null}
      {d.plannedPath ? <Text className='jdq-row__line'>走访时拟：{problemHandlingLabels[d.plannedPath]}</Text> : null}
      {d.department && d.path !== 'report' ? <Text className='jdq-row__line'>承办：{d.department}</Text> : null}
      {d.supervised > 0 ? (
        <Text className='jdq-row__line' data-testid='demand-supervised'>
          已督办 {d.supervised} 次
        </Text>
      ) : null}
      {d.contact ? (
        <Text className='jdq-row__line' data-testid='demand-contact'>
          联系人：{d.contact.name ?? ''} {d.contact.phone ?? ''}
        </Text>
      ) : null}
      {d.invalid ? (
        <Text className='jdq-row__line' data-testid='demand-invalid'>
          {invalidKindLabels[d.invalid.kind]}（{d.invalid.byName}标记）：{d.invalid.reason}
        </Text>
      ) : null}
      {d.rating ? (
        <Text className='jdq-row__line' data-testid='demand-rating'>
          群众评价：{ratingLevels.labels[d.rating.level]}
        </Text>
      ) : null}
    </Card>
  )
}

function ReportCard({ d }: { d: DemandDetail }) {
  const r = d.report!
  return (
    <Card title={`上报${r.toOrgName}`} testId='report'>
      <Text className='jdq-row__line' data-testid='report-state'>
        {reportStateLabels[r.state]}
        {r.state === 'sent' || r.state === 'received' ? `，应在 ${dateText(r.answerDueAt)} 前答复` : ''}
      </Text>
      <Text className='jdq-row__line'>原因：{r.reason}</Text>
      <Text className='jdq-row__line'>向群众的解释：{r.explanation}</Text>
      {r.answer ? (
        <Text className='jdq-row__line' data-testid='report-answer'>
          {r.state === 'returned' ? '退回' : '答复'}（{r.answeredByName}）：{r.answer}
        </Text>
      ) : null}
    </Card>
  )
}

function ExtensionsCard({ d }: { d: DemandDetail }) {
  return (
    <Card title='延期申请' testId='extensions'>
      {d.extensions.map((e, i) => (
        <View className='jdq-row' key={i} data-testid='extension'>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>延期到 {dateText(e.until)}</Text>
            <Text className='jdq-tag jdq-tag--plain'>{extensionStatusLabels[e.status]}</Text>
          </View>
          <Text className='jdq-row__line'>
            {e.requestedByName}：{e.reason}
          </Text>
          {e.decisionReason ? (
            <Text className='jdq-row__line'>
              {e.decidedByName}：{e.decisionReason}
            </Text>
          ) : null}
        </View>
      ))}
    </Card>
  )
}

/** Steps only the cadre who owes it takes (the title says 下一步 rather than 管理员处理; the server decides who may). */
const cadreSteps: readonly DemandAction[] = ['resolve', 'coordinate', 'progress', 'finish', 'requestExtension', 'report', 'close']

function Actions(p: Omit<DemandViewProps, 'demand'> & { demand: DemandDetail }) {
  const d = p.demand
  const next = buttonsFor(d.nextSteps)
  if (p.isOwner && d.status === 'closed' && next.length === 0) {
    return (
      <View className='jdq-state__action'>
        <BigButton onClick={p.onShowQr} testId='show-qr'>
          出示二维码，请群众评价
        </BigButton>
      </View>
    )
  }
  if (next.length === 0) return null
  if (!p.action) {
    return (
      <Card title={next.some((a) => cadreSteps.includes(a)) ? '下一步' : '管理员处理'} testId='actions'>
        {next.map((a) => (
          <BigButton key={a} kind={actionSpecs[a].plain ? 'plain' : 'primary'} onClick={() => p.onAction(a)} testId={`action-${a}`}>
            {actionSpecs[a].label}
          </BigButton>
        ))}
      </Card>
    )
  }
  const spec = actionSpecs[p.action]
  const context = p.formContext ?? { candidates: [] }
  return (
    <Card title={spec.label} testId='action-form'>
      {fieldsOf(p.action, p.values).map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint?.(d)}>
          {f.kind === 'choice' ? (
            <Chips options={f.options?.(d, context) ?? []} value={p.values[f.key] ?? null} onChange={(v) => p.onValue(f.key, v)} testId={`field-${f.key}`} />
          ) : f.kind === 'line' ? (
            <TextInput value={p.values[f.key] ?? ''} onChange={(v) => p.onValue(f.key, v)} maxlength={50} testId={`field-${f.key}`} />
          ) : (
            <TextArea value={p.values[f.key] ?? ''} onChange={(v) => p.onValue(f.key, v)} maxlength={500} testId={`field-${f.key}`} />
          )}
        </Field>
      ))}
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='action-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='action-submit'>
        确定
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onAction(null)} testId='action-cancel'>
        取消
      </BigButton>
    </Card>
  )
}
