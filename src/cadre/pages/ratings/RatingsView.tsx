import { Text, View } from '@tarojs/components'
import type { Rating, ServiceFigures } from '../../../../types/service'
import { ratingLevels } from '../../../../types/enums'
import { BigButton } from '../../../components/BigButton'
import { Field, TextArea } from '../../../components/Field'
import { ListFooter, listState } from '../../../components/ListFooter'
import { Card, EmptyView } from '../../../components/StateViews'
import type { CloudState } from '../../../hooks/useCloud'
import type { PagedState } from '../../../hooks/usePaged'
import { visitTime } from '../../format'

export interface RatingsViewProps {
  figures: CloudState<ServiceFigures>
  list: PagedState<Rating>
  onRetry: () => void
  onMore: () => void
  appeal: { ratingId: string; reason: string; sending: boolean; error: string | null } | null
  onAppeal: (ratingId: string | null) => void
  onReason: (reason: string) => void
  onSendAppeal: () => void
}

const targetLabels: Record<Rating['targetKind'], string> = { visit: '', demand: '诉求办理 · ', fix: '整改结果 · ' }
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)

/** 群众评价: this month's figures and the ratings themselves — never who gave them. */
export function RatingsView(p: RatingsViewProps) {
  const f = p.figures.data
  return (
    <View data-testid='ratings'>
      <Card title={f ? `${f.period} 群众评价` : '群众评价'} testId='figures'>
        {f ? (
          <View>
            <Text className='jdq-row__line' data-testid='fig-ratings'>评价 {f.ratings} 条 · 满意率 {pct(f.satisfiedShare)} · 平均 {f.meanScore ?? '—'} 分</Text>
            <Text className='jdq-row__line' data-testid='fig-bad'>差评 {f.bad} 条 · 已整改 {f.rectified} · 撤销 {f.voided}</Text>
            <Text className='jdq-row__line' data-testid='fig-demands'>
              诉求 {f.demandsRaised} 件 · 立即解决 {f.solvedByPath.immediate} · 协调 {f.solvedByPath.coordinate} · 上报 {f.solvedByPath.report} · 当前超期 {f.overdueNow}
            </Text>
          </View>
        ) : p.figures.error ? (
          <Text className='jdq-row__line'>{p.figures.error.message}</Text>
        ) : (
          <Text className='jdq-row__line'>正在加载…</Text>
        )}
      </Card>
      <List {...p} />
    </View>
  )
}

function List(p: RatingsViewProps) {
  const { list } = p
  const state = listState(list, p.onRetry, <EmptyView title='还没有群众评价' hint='走访时出示二维码，群众扫码就能评价。' />)
  if (state) return state
  return (
    <View>
      <Card>
        {list.items.map((r) => (
          <View className='jdq-row' key={r.id} data-testid='rating'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title' data-testid='rating-level'>{targetLabels[r.targetKind]}{ratingLevels.labels[r.level]}</Text>
              <View>
                {r.voided ? <Text className='jdq-tag jdq-tag--plain'>已撤销</Text> : null}
                {r.appeal && !r.voided ? <Text className='jdq-tag jdq-tag--wait'>{r.appeal.status === 'pending' ? '申诉中' : '申诉未通过'}</Text> : null}
                <Text className='jdq-row__line'>{visitTime(r.at)}</Text>
              </View>
            </View>
            {r.tags.length ? <Text className='jdq-row__line'>{r.tags.join('、')}</Text> : null}
            {r.comment ? <Text className='jdq-row__line' data-testid='rating-comment'>“{r.comment}”</Text> : null}
            {r.followUp ? <Text className='jdq-row__line'>追评：{r.followUp.comment}</Text> : null}
            {r.voided ? <Text className='jdq-row__line'>撤销原因：{r.voided.reason}</Text> : null}
            {!r.voided && !r.appeal && p.appeal?.ratingId !== r.id ? (
              <View className='jdq-row__line' data-testid='open-appeal' onClick={() => p.onAppeal(r.id)}>
                <Text>评价有误？申诉 ›</Text>
              </View>
            ) : null}
            {p.appeal?.ratingId === r.id ? (
              <View data-testid='appeal-form'>
                <Field label='申诉理由' hint='由上级管理员核实后决定是否撤销'>
                  <TextArea value={p.appeal.reason} onChange={p.onReason} maxlength={300} testId='appeal-reason' />
                </Field>
                {p.appeal.error ? <Text className='jdq-field__error'>{p.appeal.error}</Text> : null}
                <BigButton onClick={p.onSendAppeal} loading={p.appeal.sending} testId='send-appeal'>提交申诉</BigButton>
                <BigButton kind='plain' onClick={() => p.onAppeal(null)}>取消</BigButton>
              </View>
            ) : null}
          </View>
        ))}
      </Card>
      <ListFooter list={list} onMore={p.onMore} />
    </View>
  )
}
