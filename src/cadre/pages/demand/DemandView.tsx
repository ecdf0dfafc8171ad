import { Text, View } from '@tarojs/components'
import type { DemandDetail } from '../../../../types/service'
import { demandStatusLabels, timelineLabels, urgencies, demandAreas, ratingLevels, problemHandlingLabels } from '../../../../types/labels'
import { BigButton } from '../../../components/BigButton'
import { Field, TextArea } from '../../../components/Field'
import { Card, ErrorView, LoadingView } from '../../../components/StateViews'
import type { CloudState } from '../../../hooks/useCloud'
import { dateText, visitTime } from '../../format'
import { actionSpecs, actionsFor, managerActionsFor, type DemandAction } from './actions'

export interface DemandViewProps {
  demand: CloudState<DemandDetail>
  onRetry: () => void
  /** The cadre acts on it (the three paths, answer, QR). */
  isOwner: boolean
  /** A manager of the cadre: 督办 while it is open or being coordinated; otherwise read-only. */
  canSupervise?: boolean
  action: DemandAction | null
  onAction: (a: DemandAction | null) => void
  values: Record<string, string>
  onValue: (key: string, value: string) => void
  onSubmit: () => void
  submitting: boolean
  error: string | null
  onShowQr: () => void
}

/** One demand: what, who, deadline, the timeline of every step, and the next steps. */
export function DemandView(p: DemandViewProps) {
  const d = p.demand.data
  if (!d) {
    if (p.demand.error) return <ErrorView message={p.demand.error.message} onRetry={p.onRetry} retrying={p.demand.loading} />
    return <LoadingView />
  }
  return (
    <View data-testid='demand-detail'>
      <Card title={`${demandAreas.labels[d.area]} · ${urgencies[d.urgency]}`}>
        <Text className='jdq-row__line' data-testid='demand-text'>{d.text}</Text>
        <Text className='jdq-row__line'>
          状态：<Text data-testid='demand-status'>{demandStatusLabels[d.status]}</Text>
          {d.overdue ? <Text className='jdq-tag jdq-tag--bad' data-testid='tag-overdue'>超期</Text> : null}
        </Text>
        <Text className='jdq-row__line'>办结期限：{dateText(d.deadlineAt)}</Text>
        {d.plannedPath ? <Text className='jdq-row__line'>走访时拟：{problemHandlingLabels[d.plannedPath]}</Text> : null}
        {d.department ? <Text className='jdq-row__line'>承办：{d.department}</Text> : null}
        {d.supervised > 0 ? <Text className='jdq-row__line' data-testid='demand-supervised'>已督办 {d.supervised} 次</Text> : null}
        {d.contact ? (
          <Text className='jdq-row__line' data-testid='demand-contact'>
            联系人：{d.contact.name ?? ''} {d.contact.phone ?? ''}
          </Text>
        ) : null}
        {d.rating ? <Text className='jdq-row__line' data-testid='demand-rating'>群众评价：{ratingLevels.labels[d.rating.level]}</Text> : null}
      </Card>
      <Card title='办理过程' testId='timeline'>
        {d.timeline.map((s, i) => (
          <View className='jdq-row' key={i} data-testid='step'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{timelineLabels[s.kind]}</Text>
              <Text className='jdq-row__line'>{visitTime(s.at)}</Text>
            </View>
            <Text className='jdq-row__line'>{s.byName}{s.note ? `：${s.note}` : ''}</Text>
          </View>
        ))}
      </Card>
      {p.isOwner || p.canSupervise ? <Actions {...p} demand={d} /> : null}
    </View>
  )
}

function Actions(p: Omit<DemandViewProps, 'demand'> & { demand: DemandDetail }) {
  const d = p.demand
  const next = p.isOwner ? actionsFor[d.status] : managerActionsFor[d.status]
  if (p.isOwner && d.status === 'closed') {
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
      <Card title={p.isOwner ? '下一步' : '督促办理'} testId='actions'>
        {next.map((a) => (
          <BigButton key={a} kind={a === 'report' ? 'plain' : 'primary'} onClick={() => p.onAction(a)} testId={`action-${a}`}>
            {actionSpecs[a].label}
          </BigButton>
        ))}
      </Card>
    )
  }
  const spec = actionSpecs[p.action]
  return (
    <Card title={spec.label} testId='action-form'>
      {spec.fields.map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint}>
          <TextArea value={p.values[f.key] ?? ''} onChange={(v) => p.onValue(f.key, v)} maxlength={500} testId={`field-${f.key}`} />
        </Field>
      ))}
      {p.error ? <View className='jdq-banner jdq-banner--bad' data-testid='action-error'><Text>{p.error}</Text></View> : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='action-submit'>
        确定
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onAction(null)} testId='action-cancel'>
        取消
      </BigButton>
    </Card>
  )
}
