import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { BigButton } from '@/src/components/BigButton'
import { Card, EmptyView } from '@/src/components/StateViews'
import { kindLabels, type OutboxKind, type OutboxState } from '@/src/services/outbox'
import { visitTime } from '../../format'

export interface OutboxViewProps {
  state: OutboxState
  uploading: boolean
  onUpload: () => void
  onDismiss: (key: string) => void
  /** The offline window of the cadre's org (制度 offlineHours). */
  offlineHours: number
  /** What this mini-program keeps on the phone (null where the platform cannot tell). */
  usage: { usedKB: number; limitKB: number } | null
}

/** 待上传 / 退回 / 已上传: everything done without signal, and what became of it. */
export function OutboxView(p: OutboxViewProps) {
  const { pending, failed, done } = p.state
  return (
    <View data-testid='outbox'>
      <Card title={`待上传（${pending.length}）`} testId='outbox-pending'>
        {pending.length === 0 ? (
          <Text className='jdq-text'>没有等着上传的内容。</Text>
        ) : (
          <View>
            <Text className='jdq-text'>有信号时会自动上传。打卡在 {p.offlineHours} 小时内上传都有效，按当时的定位和时间记录。</Text>
            {pending.map((q) => (
              <Row key={q.key} kind={q.kind} label={q.label} tag='待上传' tone='wait' testId='outbox-item'>
                {visitTime(q.queuedAt)} 保存{q.attempts > 0 ? `，已试过 ${q.attempts} 次` : ''}
                {q.after ? '，在它的打卡之后上传' : ''}
              </Row>
            ))}
            <View className='jdq-gap' />
            <BigButton onClick={p.onUpload} loading={p.uploading} testId='outbox-upload'>
              {p.uploading ? '正在上传…' : '立即上传'}
            </BigButton>
          </View>
        )}
      </Card>
      {failed.length > 0 ? (
        <Card title={`退回（${failed.length}）`} testId='outbox-failed'>
          <Text className='jdq-text'>服务器没有接受这些内容，原因写在下面。需要的话请重新填写。</Text>
          {failed.map((f) => (
            <View key={f.key} className='jdq-row' data-testid='outbox-failed-item'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{kindLabels[f.kind]}</Text>
                <Text className='jdq-tag jdq-tag--bad'>退回</Text>
              </View>
              <Text className='jdq-row__line'>{f.label}</Text>
              <Text className='jdq-row__line' data-testid='outbox-failed-reason'>
                原因：{f.message}
              </Text>
              <View className='jdq-link' onClick={() => p.onDismiss(f.key)} data-testid='outbox-dismiss'>
                <Text>知道了</Text>
              </View>
            </View>
          ))}
        </Card>
      ) : null}
      <Card title='已上传' testId='outbox-done'>
        {done.length === 0 ? (
          <EmptyView title='还没有' hint='没有信号时保存的内容上传后，会在这里列出最近 20 条。' />
        ) : (
          done.map((d) => (
            <Row key={d.key} kind={d.kind} label={d.label} tag='已上传' tone='ok' testId='outbox-done-item'>
              {visitTime(d.at)}：{d.message}
            </Row>
          ))
        )}
      </Card>
      {p.usage ? (
        <Text className='jdq-hint' data-testid='outbox-usage'>
          手机上已用 {Math.round(p.usage.usedKB)} KB，上限 {Math.round(p.usage.limitKB / 1024)} MB（待上传的内容最多约 900 KB，不会挤占别的）。
        </Text>
      ) : null}
    </View>
  )
}

function Row(p: { kind: OutboxKind; label: string; tag: string; tone: 'ok' | 'wait'; testId: string; children: ReactNode }) {
  return (
    <View className='jdq-row' data-testid={p.testId} data-kind={p.kind}>
      <View className='jdq-row__head'>
        <Text className='jdq-row__title'>{kindLabels[p.kind]}</Text>
        <Text className={`jdq-tag jdq-tag--${p.tone}`}>{p.tag}</Text>
      </View>
      <Text className='jdq-row__line'>{p.label}</Text>
      <Text className='jdq-row__line'>{p.children}</Text>
    </View>
  )
}
