import { Text, View } from '@tarojs/components'
import type { Voice } from '@/types/voices'
import { Chips } from '@/src/components/Chips'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { dayText } from '../../format'

export interface VoicesViewProps {
  months: { value: string; label: string }[]
  month: string
  onMonth: (m: string) => void
  list: PagedState<Voice>
  onRetry: () => void
  onMore: () => void
}

/** Consecutive items of one unit and place, as the function orders them. */
export function groupsOf(items: Voice[]): { key: string; orgName: string; pointName: string; items: Voice[] }[] {
  const out: { key: string; orgName: string; pointName: string; items: Voice[] }[] = []
  for (const v of items) {
    const key = `${v.orgId}|${v.pointId}`
    const last = out[out.length - 1]
    if (last && last.key === key) last.items.push(v)
    else out.push({ key, orgName: v.orgName, pointName: v.pointName, items: [v] })
  }
  return out
}

/** 三问记录: what residents said under 问政, 问需 and 问计, by unit and place, for a month. */
export function VoicesView(p: VoicesViewProps) {
  const empty = <EmptyView title='这个月还没有三问记录' hint='走访后在走访记录里填写问政、问需、问计，就会汇总到这里。' />
  return (
    <View data-testid='voices'>
      <Chips options={recentMonths(p.months, p.month)} value={p.month} onChange={p.onMonth} testId='voices-month' bar />
      {listState(p.list, p.onRetry, empty) ?? (
        <View>
          <RefreshError list={p.list} />
          {groupsOf(p.list.items).map((g) => (
            <Card key={g.key} title={`${g.orgName} · ${g.pointName}`} testId='voice-group'>
              {g.items.map((v) => (
                <View key={v.visitId} className='jdq-row' data-testid='voice'>
                  <Text className='jdq-row__line'>
                    {dayText(v.date)} · {v.cadreName} · 见到 {v.peopleMet} 人
                  </Text>
                  {v.policy ? <Text className='jdq-text'>问政：{v.policy}</Text> : null}
                  {v.needs ? <Text className='jdq-text'>问需：{v.needs}</Text> : null}
                  {v.advice ? <Text className='jdq-text'>问计：{v.advice}</Text> : null}
                </View>
              ))}
            </Card>
          ))}
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
    </View>
  )
}

/** The four latest months as chips, and the chosen one if it is older (opened from a link), so it stays marked. */
function recentMonths<T extends { value: string }>(months: T[], chosen: string): T[] {
  const recent = months.slice(0, 4)
  const older = recent.some((m) => m.value === chosen) ? undefined : months.find((m) => m.value === chosen)
  return older ? [...recent, older] : recent
}
