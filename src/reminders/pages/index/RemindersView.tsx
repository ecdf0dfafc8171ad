import { Switch, Text, View } from '@tarojs/components'
import { pushStatusLabels, type ReminderItem, type ReminderKind, type ReminderOverview } from '@/types/reminders'
import { BigButton } from '@/src/components/BigButton'
import { ListFooter } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import type { CloudState } from '@/src/hooks/useCloud'
import { visitTime } from '@/src/cadre/format'
import './index.scss'

export interface RemindersViewProps {
  list: PagedState<ReminderItem>
  overview: Pick<CloudState<ReminderOverview>, 'loading' | 'error' | 'data'>
  subscribing: boolean
  onRetry: () => void
  onMore: () => void
  onOpen: (item: ReminderItem) => void
  onMarkAllRead: () => void
  /** Must run straight from the tap: WeChat only asks for consent after a user's tap. */
  onSubscribe: () => void
  onToggle: (kind: ReminderKind, on: boolean) => void
}

/** 提醒: everything that would be pushed, also here (so nobody depends on WeChat messages), and the settings. */
export function RemindersView(p: RemindersViewProps) {
  const { list } = p
  let body
  if (!list.loaded) {
    body = list.error ? <ErrorView error={list.error} onRetry={p.onRetry} retrying={list.loading} /> : <LoadingView />
  } else if (list.items.length === 0) {
    body = <EmptyView title='暂时没有提醒' hint='下基层进度、诉求到期等需要您留意的事，都会先出现在这里。' />
  } else {
    const unread = list.items.some((i) => !i.read)
    body = (
      <View data-testid='reminders'>
        {list.error ? (
          <View className='jdq-banner jdq-banner--warn' data-testid='refresh-error'>
            <Text>刷新没有成功：{list.error.message}</Text>
          </View>
        ) : null}
        {unread ? (
          <View className='reminder-read-all'>
            <View className='jdq-link' onClick={p.onMarkAllRead} data-testid='mark-all-read'>
              <Text>全部标为已读</Text>
            </View>
          </View>
        ) : null}
        <Card>
          {list.items.map((item) => (
            <View key={item.id} className={`jdq-row reminder${item.read ? '' : ' reminder--unread'}`} data-testid='reminder' onClick={() => p.onOpen(item)}>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{item.title}</Text>
                {item.read ? null : (
                  <Text className='jdq-tag jdq-tag--bad' data-testid='unread'>
                    未读
                  </Text>
                )}
              </View>
              <Text className='jdq-row__line'>{item.body}</Text>
              <Text className='jdq-row__line'>
                {visitTime(item.createdAt)} · {pushStatusLabels[item.push]}
              </Text>
            </View>
          ))}
        </Card>
        <ListFooter list={list} onMore={p.onMore} />
      </View>
    )
  }
  return (
    <View>
      {body}
      <SettingsCard {...p} />
    </View>
  )
}

function SettingsCard({ overview, subscribing, onSubscribe, onToggle }: RemindersViewProps) {
  const o = overview.data
  if (!o) return overview.error ? <Text className='jdq-more'>提醒设置没能加载：{overview.error.message}</Text> : null
  const quota = o.templates.reduce((n, t) => n + (t.longTerm ? 0 : t.quota), 0)
  return (
    <Card title='微信提醒' testId='reminder-settings'>
      <Text className='jdq-row__line' data-testid='quota'>
        {quota > 0 ? `还可以给您发 ${quota} 条微信提醒（每同意一次，可以发一条）。` : '现在不会给您发微信提醒，提醒只在这里显示。'}
      </Text>
      {o.ask.length > 0 ? (
        <View className='reminder-actions'>
          <BigButton onClick={onSubscribe} loading={subscribing} testId='subscribe'>
            接收微信提醒
          </BigButton>
        </View>
      ) : null}
      {o.kinds.map((k) => (
        <View key={k.kind} className='reminder-kind' data-testid={`kind-${k.kind}`}>
          <View>
            <Text className='jdq-row__title'>{k.label}</Text>
            <Text className='jdq-row__line'>{k.description}</Text>
          </View>
          <Switch checked={k.on} onChange={(e) => onToggle(k.kind, Boolean((e.detail as { value: boolean }).value))} />
        </View>
      ))}
    </Card>
  )
}
