import { Text, View } from '@tarojs/components'
import type { ImprovementRequest, RatingSummary, ServiceFigures } from '@/types/service'
import { MIN_RATINGS_SHOWN } from '@/types/rules/rating-guard'
import { caseStatusLabels, ratingLevels } from '@/types/labels'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'

export interface RatingsViewProps {
  figures: CloudState<ServiceFigures>
  summary: CloudState<RatingSummary>
  list: PagedState<ImprovementRequest>
  onRetry: () => void
  onMore: () => void
  appeal: { ratingId: string; reason: string; sending: boolean; error: string | null } | null
  onAppeal: (ratingId: string | null) => void
  onReason: (reason: string) => void
  onSendAppeal: () => void
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)
const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/**
 * 群众评价, as the rated cadre sees it: the month's figures and what residents said, as aggregates over at least
 * MIN_RATINGS_SHOWN ratings, and the 整改 requests — never a single rating with its day, visit or person.
 */
export function RatingsView(p: RatingsViewProps) {
  const f = p.figures.data
  return (
    <View data-testid='ratings'>
      <Card title={f ? `${f.period} 群众评价` : '群众评价'} testId='figures'>
        {f ? (
          <View>
            {f.withheld ? (
              <Text className='jdq-row__line' data-testid='fig-withheld'>
                评价 {f.ratings} 条。满 {MIN_RATINGS_SHOWN} 条后显示满意率：为保护评价的群众，这里不显示单条评价。
              </Text>
            ) : (
              <Text className='jdq-row__line' data-testid='fig-ratings'>
                评价 {f.ratings} 条 · 满意率 {pct(f.satisfiedShare)} · 平均 {f.meanScore ?? '—'} 分
              </Text>
            )}
            <Text className='jdq-row__line' data-testid='fig-bad'>
              差评 {f.bad} 条 · 已整改 {f.rectified} · 撤销 {f.voided}
            </Text>
            <Text className='jdq-row__line' data-testid='fig-demands'>
              诉求 {f.demandsRaised} 件 · 立即解决 {f.solvedByPath.immediate} · 协调 {f.solvedByPath.coordinate} · 上报 {f.solvedByPath.report} · 当前超期{' '}
              {f.overdueNow}
            </Text>
          </View>
        ) : p.figures.error ? (
          <Text className='jdq-row__line'>{p.figures.error.message}</Text>
        ) : (
          <Text className='jdq-row__line'>正在加载…</Text>
        )}
      </Card>
      <Said summary={p.summary} />
      <Requests {...p} />
    </View>
  )
}

function Said({ summary }: { summary: CloudState<RatingSummary> }) {
  const s = summary.data
  return (
    <Card title='群众怎么说' testId='summary'>
      {!s ? (
        <Text className='jdq-row__line'>{summary.error ? summary.error.message : '正在加载…'}</Text>
      ) : !s.shown ? (
        <Text className='jdq-row__line' data-testid='summary-hidden'>
          本月评价满 {MIN_RATINGS_SHOWN} 条后，这里汇总群众的评价和意见。
        </Text>
      ) : (
        <View>
          <Text className='jdq-row__line' data-testid='summary-levels'>
            {ratingLevels.ids.map((l) => `${ratingLevels.labels[l]} ${s.levels?.[l] ?? 0}`).join(' · ')}
          </Text>
          {s.tags.length ? (
            <Text className='jdq-row__line' data-testid='summary-tags'>
              {s.tags.map((t) => `${t.tag} ${t.count}`).join('、')}
            </Text>
          ) : null}
          {s.comments.map((c, i) => (
            <Text className='jdq-row__line' key={i} data-testid='summary-comment'>
              “{c}”
            </Text>
          ))}
        </View>
      )}
    </Card>
  )
}

function Requests(p: RatingsViewProps) {
  const state = listState(p.list, p.onRetry, <EmptyView title='没有整改要求' hint='群众的差评经管理员回访后，要整改的事项会列在这里。' />)
  return (
    <Card title='整改要求' testId='requests'>
      {state ?? (
        <View>
          {p.list.items.map((r) => (
            <View className='jdq-row' key={r.ratingId} data-testid='request'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{r.tags.join('、') || '差评'}</Text>
                <View>
                  {r.rectifyOverdue ? <Text className='jdq-tag jdq-tag--bad'>超时</Text> : null}
                  <Text className='jdq-tag jdq-tag--plain'>{caseStatusLabels[r.status]}</Text>
                </View>
              </View>
              {r.comment ? <Text className='jdq-row__line'>“{r.comment}”</Text> : null}
              <Text className='jdq-row__line'>
                {r.month.replace('-', ' 年 ')} 月 · 整改期限 {shortDate(r.rectifyDue)}
              </Text>
              {r.rectification ? <Text className='jdq-row__line'>整改结果：{r.rectification.result}</Text> : null}
              {r.appeal ? (
                <Text className='jdq-tag jdq-tag--wait'>
                  {r.appeal.status === 'pending' ? '申诉中' : r.appeal.status === 'upheld' ? '申诉成立，已撤销' : '申诉未通过'}
                </Text>
              ) : null}
              {!r.appeal && r.status !== 'voided' && p.appeal?.ratingId !== r.ratingId ? (
                <View className='jdq-row__line' data-testid='open-appeal' onClick={() => p.onAppeal(r.ratingId)}>
                  <Text>评价有误？申诉 ›</Text>
                </View>
              ) : null}
              {p.appeal?.ratingId === r.ratingId ? (
                <View data-testid='appeal-form'>
                  <Field label='申诉理由' hint='由上级管理员核实后决定是否撤销'>
                    <TextArea value={p.appeal.reason} onChange={p.onReason} maxlength={300} testId='appeal-reason' />
                  </Field>
                  {p.appeal.error ? <Text className='jdq-field__error'>{p.appeal.error}</Text> : null}
                  <BigButton onClick={p.onSendAppeal} loading={p.appeal.sending} testId='send-appeal'>
                    提交申诉
                  </BigButton>
                  <BigButton kind='plain' onClick={() => p.onAppeal(null)}>
                    取消
                  </BigButton>
                </View>
              ) : null}
            </View>
          ))}
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
    </Card>
  )
}
