import { Text, View } from '@tarojs/components'
import type { HonourKind, HonourList } from '@/types/outcomes'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea } from '@/src/components/Field'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { beijing } from '@/types/rules/beijing-time'

export type MonthChoice = 'this' | 'last'

export interface Removing {
  cadreId: string
  reason: string
  error: string | null
}

export interface HonoursViewProps {
  kind: HonourKind
  onKind: (k: HonourKind) => void
  month: MonthChoice
  onMonth: (m: MonthChoice) => void
  state: Pick<CloudState<HonourList>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  /** Redraw the draft from the latest scores (removals stay). */
  onRefresh: () => void
  busy: boolean
  /** A failed action's message. */
  actionError: string | null
  removing: Removing | null
  onStartRemove: (cadreId: string | null) => void
  onReason: (text: string) => void
  onConfirmRemove: () => void
  onRestore: (cadreId: string) => void
  onPublish: () => void
}

const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')
const pct = (r: number | null) => (r === null ? '暂无评价' : `满意率 ${Math.round(r * 1000) / 10}%`)

/** 表彰 / 通报: the month's draft drawn from the rules, entries taken off with a reason, then published. */
export function HonoursView(p: HonoursViewProps) {
  return (
    <View data-testid='honours'>
      <Chips
        options={[
          { value: 'honours', label: '表彰名单' },
          { value: 'notices', label: '通报名单' }
        ]}
        value={p.kind}
        onChange={p.onKind}
        testId='honour-kind'
        bar
      />
      <Chips
        options={[
          { value: 'this', label: '本月' },
          { value: 'last', label: '上个月' }
        ]}
        value={p.month}
        onChange={p.onMonth}
        testId='honour-month'
        bar
      />
      <Body {...p} />
    </View>
  )
}

function Body(p: HonoursViewProps) {
  if (!p.state.data) {
    if (p.state.error) return <ErrorView error={p.state.error} onRetry={p.onRetry} retrying={p.state.loading} />
    return <LoadingView />
  }
  const l = p.state.data
  const kept = l.entries.filter((e) => !e.removed)
  return (
    <View>
      <Card testId='honour-head'>
        <Text className='jdq-row__title'>
          {l.orgName} {Number(l.month.slice(5, 7))} 月{l.kind === 'honours' ? '表彰' : '通报'}名单
        </Text>
        <Text className='jdq-row__line'>规则：{l.rule}</Text>
        {l.status === 'published' && l.published ? (
          <Text className='jdq-tag jdq-tag--ok' data-testid='honour-published'>
            已由 {l.published.byName} 于 {when(l.published.at)} 发布
          </Text>
        ) : (
          <Text className='jdq-tag jdq-tag--wait' data-testid='honour-draft'>
            草稿，{when(l.generatedAt)} 按当时的成效生成，发布前可以拿掉个别人（须写明理由）
          </Text>
        )}
      </Card>
      {p.actionError ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='honour-error'>
          <Text>{p.actionError}</Text>
        </View>
      ) : null}
      {l.entries.length === 0 ? (
        <EmptyView
          title={l.kind === 'honours' ? '这个月没有符合表彰条件的干部' : '这个月没有需要通报的干部'}
          hint={l.kind === 'honours' ? '表彰要求满意率达标且有足够的群众评价' : '通报只看超期诉求和未回访的差评，不看下基层天数'}
        />
      ) : (
        <Card>
          {l.entries.map((e, i) => (
            <View className='jdq-row' key={e.cadreId} data-testid='honour-entry'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>
                  {i + 1}. {e.cadreName}
                </Text>
                {e.removed ? (
                  <Text className='jdq-tag jdq-tag--plain' data-testid='entry-removed'>
                    已拿掉
                  </Text>
                ) : (
                  <Text className='jdq-tag jdq-tag--plain'>{e.score} 分</Text>
                )}
              </View>
              <Text className='jdq-row__line'>
                {e.orgName} · {pct(e.satisfiedShare)}
              </Text>
              {e.reasons.map((r) => (
                <Text className='jdq-row__line' key={r}>
                  {r}
                </Text>
              ))}
              {e.removed ? (
                <Text className='jdq-row__line'>
                  拿掉的理由：{e.removed.reason}（{e.removed.byName}）
                </Text>
              ) : null}
              {l.canEdit ? <EntryActions p={p} cadreId={e.cadreId} removed={!!e.removed} /> : null}
            </View>
          ))}
        </Card>
      )}
      {l.canEdit ? (
        <View className='honour-actions'>
          <BigButton onClick={p.onPublish} loading={p.busy} testId='publish'>
            发布名单（{kept.length} 人）
          </BigButton>
          <View className='jdq-link' onClick={p.onRefresh} data-testid='honour-refresh'>
            <Text>按最新成效重新生成草稿</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function EntryActions({ p, cadreId, removed }: { p: HonoursViewProps; cadreId: string; removed: boolean }) {
  if (removed) {
    return (
      <View className='jdq-link' onClick={() => p.onRestore(cadreId)} data-testid='entry-restore'>
        <Text>放回名单</Text>
      </View>
    )
  }
  if (p.removing?.cadreId !== cadreId) {
    return (
      <View className='jdq-link' onClick={() => p.onStartRemove(cadreId)} data-testid='entry-remove'>
        <Text>从名单中拿掉</Text>
      </View>
    )
  }
  return (
    <View>
      <Field label='拿掉的理由（会记录在案）' error={p.removing.error} testId='remove-reason'>
        <TextArea value={p.removing.reason} onChange={p.onReason} placeholder='例如：病假三个月，已报备' maxlength={200} testId='remove-reason-input' />
      </Field>
      <BigButton onClick={p.onConfirmRemove} loading={p.busy} testId='remove-confirm'>
        确定拿掉
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onStartRemove(null)} testId='remove-cancel'>
        取消
      </BigButton>
    </View>
  )
}
