import { Text, View } from '@tarojs/components'
import type { HeldRating } from '@/types/service'
import { holdReasons } from '@/types/rules/rating-guard'
import { ratingLevels } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'

export type Decision = 'accept' | 'reject'

export interface HeldViewProps {
  list: PagedState<HeldRating>
  onRetry: () => void
  onMore: () => void
  note: string
  onNote: (note: string) => void
  /** The ratings being reviewed now (one, or all of an event's on the page), null when idle. */
  busy: string[] | null
  error: string | null
  onReview: (ids: string[], decision: Decision) => void
}

const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')

/** Held ratings grouped by the event they rate, in the order the list came (oldest first). */
export function byEvent(items: HeldRating[]): { key: string; first: HeldRating; items: HeldRating[] }[] {
  const groups = new Map<string, { key: string; first: HeldRating; items: HeldRating[] }>()
  for (const r of items) {
    const key = `${r.event.kind}:${r.event.id}`
    const g = groups.get(key) ?? { key, first: r, items: [] }
    g.items.push(r)
    groups.set(key, g)
  }
  return [...groups.values()]
}

/**
 * 待审核的评价: ratings held out of every figure because their event had more than it plausibly could, or a burst
 * came from new accounts or one network, or one person rated the same cadre again. Grouped by event, with what the
 * event's size rests on and how many of its ratings count and wait, so a real 座谈会 on one Wi-Fi is accepted in
 * one tap. Never who rated.
 */
export function HeldView(p: HeldViewProps) {
  const state = listState(
    p.list,
    p.onRetry,
    <EmptyView title='没有待审核的评价' hint='超出活动合理人数、短时间大量新用户或同一网络集中评价时，评价会先放在这里，不计入成效。' />
  )
  if (state) return <View data-testid='held'>{state}</View>
  const busy = (ids: string[]) => Boolean(p.busy && ids.some((id) => p.busy!.includes(id)))
  return (
    <View data-testid='held'>
      <Card>
        <Text className='jdq-row__line'>
          这些评价暂不计入干部的成效。核实是真实群众的评价后“采纳”，即计入（差评随即开始回访整改）；不采纳的不计入。群众不会知道评价在审核。
        </Text>
        <Field label='审核说明（可选，会记录在案）'>
          <TextArea value={p.note} onChange={p.onNote} maxlength={300} testId='held-note' />
        </Field>
        {p.error ? (
          <Text className='jdq-field__error' data-testid='held-error'>
            {p.error}
          </Text>
        ) : null}
      </Card>
      {byEvent(p.list.items).map((g) => {
        const ids = g.items.map((r) => r.id)
        return (
          <Card key={g.key} title={g.first.event.label} testId='held-event'>
            <Text className='jdq-row__line' data-testid='held-event-counts'>
              {g.first.cadreName} · 已计入 {g.first.eventCounts.counted} 条，待审核 {g.first.eventCounts.held} 条
            </Text>
            {g.first.hold ? <Text className='jdq-row__line'>合理人数：{g.first.hold.basis}</Text> : null}
            {g.items.map((r) => (
              <View className='jdq-row' key={r.id} data-testid='held-rating'>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{ratingLevels.labels[r.level]}</Text>
                  <Text className='jdq-row__line'>{when(r.at)}</Text>
                </View>
                {r.tags.length ? <Text className='jdq-row__line'>{r.tags.join('、')}</Text> : null}
                {r.comment ? <Text className='jdq-row__line'>“{r.comment}”</Text> : null}
                <Text className='jdq-row__line' data-testid='held-reasons'>
                  待审核原因：{(r.hold?.reasons ?? []).map((x) => holdReasons[x]).join('；')}
                </Text>
                <View className='jdq-actions'>
                  <BigButton onClick={() => p.onReview([r.id], 'accept')} loading={busy([r.id])} testId='accept-one'>
                    采纳
                  </BigButton>
                  <BigButton kind='plain' onClick={() => p.onReview([r.id], 'reject')} loading={busy([r.id])} testId='reject-one'>
                    不采纳
                  </BigButton>
                </View>
              </View>
            ))}
            {g.items.length > 1 ? (
              <View className='jdq-actions'>
                <BigButton onClick={() => p.onReview(ids, 'accept')} loading={busy(ids)} testId='accept-event'>
                  全部采纳（{g.items.length} 条）
                </BigButton>
                <BigButton kind='plain' onClick={() => p.onReview(ids, 'reject')} loading={busy(ids)} testId='reject-event'>
                  全部不采纳
                </BigButton>
              </View>
            ) : null}
          </Card>
        )
      })}
      <ListFooter list={p.list} onMore={p.onMore} />
    </View>
  )
}
