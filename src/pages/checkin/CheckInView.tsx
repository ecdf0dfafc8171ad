import { Map, Text, View } from '@tarojs/components'
import { fourInto } from '@/types/labels'
import { formatDistance } from '@/types/rules/geo'
import { BigButton } from '../../components/BigButton'
import { Field, TextArea } from '../../components/Field'
import { Card, EmptyView, ErrorView, LoadingView } from '../../components/StateViews'
import { submitBlocker, type CheckInState } from './flow'
import './index.scss'

export interface CheckInViewProps {
  state: CheckInState
  /** The Taro Map (WeChat); H5 shows the list only. */
  showMap: boolean
  /** WeChat can open its settings page for the location permission. */
  canOpenSetting: boolean
  onSelect: (pointId: string) => void
  onNote: (text: string) => void
  onReason: (text: string) => void
  onSubmit: () => void
  onRelocate: () => void
  onOpenSetting: () => void
  onRetryLoad: () => void
  onHome: () => void
  onWriteRecord: (visitId: string) => void
  /** After a check-in: ask (from this tap) whether WeChat may remind about the 90-day pace. */
  onSubscribe?: () => void
}

export function CheckInView(p: CheckInViewProps) {
  const { state } = p
  const phase = state.phase
  if (phase.kind === 'loadFailed') return <ErrorView error={{ message: phase.message }} onRetry={p.onRetryLoad} />
  if (phase.kind === 'locateFailed') {
    return (
      <View data-testid='locate-failed'>
        <Card title='没能定位'>
          <Text className='jdq-text'>{phase.message}</Text>
        </Card>
        <View className='jdq-actions'>
          {phase.reason === 'denied' && p.canOpenSetting ? (
            <>
              <BigButton onClick={p.onOpenSetting} testId='open-setting'>
                去设置里打开位置权限
              </BigButton>
              <View className='jdq-gap' />
            </>
          ) : null}
          <BigButton kind={phase.reason === 'denied' && p.canOpenSetting ? 'plain' : 'primary'} onClick={p.onRelocate} testId='relocate'>
            重新定位
          </BigButton>
        </View>
        <Text className='checkin-privacy'>位置只在您点“提交打卡”时用来确认是否在联系点附近，不会持续记录您的行踪。</Text>
      </View>
    )
  }
  if (phase.kind === 'done') return <DoneView state={state} onHome={p.onHome} onWriteRecord={p.onWriteRecord} onSubscribe={p.onSubscribe} />
  if (phase.kind === 'queued') {
    return (
      <View data-testid='queued'>
        <Card title='已保存在手机上'>
          <Text className='checkin-result__big'>没有信号，这次打卡已保存在手机上，有信号时会自动上传。</Text>
          <Text className='jdq-text'>定位和时间都按刚才的记录，{phase.hours} 小时内上传都有效。现在就可以写走访记录，也会一起保存、一起上传。</Text>
        </Card>
        <View className='jdq-actions'>
          {phase.visitId ? (
            <>
              <BigButton onClick={() => p.onWriteRecord(phase.visitId!)} testId='write-record'>
                填写走访记录
              </BigButton>
              <View className='jdq-gap' />
            </>
          ) : null}
          <BigButton kind={phase.visitId ? 'plain' : 'primary'} onClick={p.onHome} testId='go-home'>
            回到首页
          </BigButton>
        </View>
      </View>
    )
  }
  if (state.points === null || state.fix === null) return <LoadingView text={state.points === null ? '正在加载联系点…' : '正在定位，请稍候…'} />
  if (state.points.length === 0) {
    return <EmptyView title='还没有联系点' hint='联系点由本单位管理员分配。分配后才能打卡，请联系管理员。' />
  }

  const submitting = phase.kind === 'submitting'
  const blocker = submitBlocker(state)
  const selected = state.distances.find((d) => d.point.id === state.selectedId)
  return (
    <View data-testid='checkin'>
      {p.showMap ? (
        <Map
          className='checkin-map'
          latitude={state.fix.lat}
          longitude={state.fix.lng}
          scale={15}
          showLocation
          markers={state.distances.map((d, i) => ({
            id: i + 1,
            latitude: d.point.location.lat,
            longitude: d.point.location.lng,
            title: d.point.name,
            width: 28,
            height: 36,
            iconPath: ''
          }))}
          circles={state.distances.map((d) => ({
            latitude: d.point.location.lat,
            longitude: d.point.location.lng,
            radius: d.point.radiusM,
            color: '#c8161d66',
            fillColor: '#c8161d22',
            strokeWidth: 1
          }))}
          onError={() => {}}
        />
      ) : null}
      <View className='checkin-fix' data-testid='fix'>
        <Text>已定位，误差约 {Math.round(state.fix.accuracy)} 米</Text>
        <View className='jdq-link' data-testid='relocate' onClick={p.onRelocate}>
          <Text>重新定位</Text>
        </View>
      </View>
      <Card title='选择您所在的联系点'>
        {state.distances.map((d) => {
          const on = d.point.id === state.selectedId
          return (
            <View
              key={d.point.id}
              className={`checkin-point${on ? ' checkin-point--on' : ''}`}
              data-testid='checkin-point'
              data-selected={on ? 'true' : 'false'}
              onClick={() => p.onSelect(d.point.id)}
            >
              <View className='checkin-point__radio'>{on ? <Text>✓</Text> : null}</View>
              <View className='checkin-point__body'>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{d.point.name}</Text>
                  <Text className={`jdq-tag ${d.inside ? 'jdq-tag--ok' : 'jdq-tag--wait'}`}>{d.inside ? '在范围内' : '不在范围内'}</Text>
                </View>
                <Text className='jdq-row__line'>
                  相距 {formatDistance(d.distanceM)} · 范围 {d.point.radiusM} 米 · {fourInto.labels[d.point.kind]}
                </Text>
              </View>
            </View>
          )
        })}
        {!state.selectedId ? <Text className='jdq-text'>您不在任何联系点的范围内，请选择这次走访的联系点。</Text> : null}
      </Card>
      {state.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='checkin-error'>
          <Text>{state.error}</Text>
        </View>
      ) : null}
      <Card>
        {state.needReason ? (
          <Field
            label='外勤说明（必填）'
            hint={`${selected && !selected.inside ? `您离“${selected.point.name}”约 ${formatDistance(selected.distanceM)}。` : ''}不在联系点范围内的打卡算外勤，写明在哪里、做什么，经管理员审核通过后计入下基层天数。`}
            testId='reason'
          >
            <TextArea value={state.reason} onChange={p.onReason} maxlength={200} placeholder='例如：到村民家中走访，离联系点较远' testId='reason-input' />
          </Field>
        ) : null}
        <Field label='备注（可不填）' testId='note'>
          <TextArea value={state.note} onChange={p.onNote} maxlength={500} placeholder='这次走访做了什么，可以稍后在走访记录里详细填写' testId='note-input' />
        </Field>
      </Card>
      <View className='jdq-actions'>
        {blocker && !submitting ? (
          <Text className='checkin-blocker' data-testid='blocker'>
            {blocker}
          </Text>
        ) : null}
        <BigButton onClick={() => (blocker || submitting ? undefined : p.onSubmit())} loading={submitting} testId='submit-checkin'>
          {submitting ? '正在提交…' : state.relocateHint ? '重新定位后提交' : '提交打卡'}
        </BigButton>
      </View>
      <Text className='checkin-privacy'>位置只用于确认这次走访是否在联系点附近，不会持续记录您的行踪；照片不是必须的。</Text>
    </View>
  )
}

function DoneView({
  state,
  onHome,
  onWriteRecord,
  onSubscribe
}: {
  state: CheckInState
  onHome: () => void
  onWriteRecord: (id: string) => void
  onSubscribe?: () => void
}) {
  if (state.phase.kind !== 'done') return null
  const { result } = state.phase
  const counted = result.visit.status === 'counted'
  return (
    <View data-testid='checkin-done'>
      <View className={`checkin-result ${counted ? 'jdq-status--ok' : 'jdq-status--todo'}`}>
        <Text className='checkin-result__head'>{counted ? '✓ 打卡成功' : '已提交外勤，等待审核'}</Text>
        <Text className='checkin-result__big' data-testid='checkin-message'>
          {result.message}
        </Text>
        <Text className='checkin-result__days' data-testid='checkin-days'>
          {result.dayAdded ? `新增 1 天，今年已下基层 ${result.days} 天` : `今年已下基层 ${result.days} 天${counted ? '（今天已经算过了）' : ''}`}
        </Text>
      </View>
      <View className='jdq-actions'>
        <BigButton onClick={() => onWriteRecord(result.visit.id)} testId='write-record'>
          填写走访记录
        </BigButton>
        <View className='jdq-gap' />
        <BigButton kind='plain' onClick={onHome} testId='go-home'>
          回到首页
        </BigButton>
      </View>
      {onSubscribe ? (
        <View className='checkin-subscribe' onClick={onSubscribe} data-testid='subscribe-reminders'>
          <Text>进度落后时用微信提醒我（每次同意可收 1 条） ›</Text>
        </View>
      ) : null}
    </View>
  )
}
