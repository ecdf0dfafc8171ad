import { Text, View } from '@tarojs/components'
import type { InboxItem, ReceivedItem, Review, ReviewTarget } from '@/types/reviews'
import { reviewKinds, reviewTargets } from '@/types/reviews'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'
import { dayText } from '../../format'

export type ReviewsTab = 'diary' | 'report' | 'received'

export interface OpenItem {
  item: InboxItem
  /** A diary entry's whole text (reports open as files). */
  text: string | null
  reviews: Review[] | null
  /** What the leader is writing: 批示 or 采纳. */
  writing: { kind: 'comment' | 'adopt'; comment: string; suggestion: string } | null
}

export interface ReviewsViewProps {
  tabs: ReviewsTab[]
  tab: ReviewsTab
  onTab: (t: ReviewsTab) => void
  inbox: PagedState<InboxItem>
  received: PagedState<ReceivedItem>
  onRetry: () => void
  onMore: () => void
  open: OpenItem | null
  onOpen: (item: InboxItem | null) => void
  onOpenFile: (item: InboxItem) => void
  onRead: () => void
  onWrite: (w: OpenItem['writing']) => void
  onSend: () => void
  busy: boolean
  error: string | null
}

const tabLabels: Record<ReviewsTab, string> = { diary: '民情日记', report: '调研报告', received: '我收到的批阅' }

/** 批阅: leaders read their cadres' diaries and reports, mark them read, comment, 采纳; authors see what was said. */
export function ReviewsView(p: ReviewsViewProps) {
  return (
    <View data-testid='reviews'>
      {p.tabs.length > 1 ? (
        <Chips options={p.tabs.map((t) => ({ value: t, label: tabLabels[t] }))} value={p.tab} onChange={p.onTab} testId='reviews-tab' bar />
      ) : null}
      {p.tab === 'received' ? <Received {...p} /> : p.open ? <Opened {...p} open={p.open} /> : <Inbox {...p} />}
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='reviews-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
    </View>
  )
}

function Inbox(p: ReviewsViewProps) {
  const what = reviewTargets[p.tab as ReviewTarget]
  return (
    listState(p.inbox, p.onRetry, <EmptyView title={`下级还没有${what}`} />) ?? (
      <View>
        <RefreshError list={p.inbox} />
        <Card>
          {p.inbox.items.map((i) => (
            <View key={i.id} className='jdq-row' data-testid='inbox-item' onClick={() => p.onOpen(i)}>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{i.title}</Text>
                <Text className={`jdq-tag ${i.readByMe ? 'jdq-tag--ok' : 'jdq-tag--wait'}`}>{i.readByMe ? '已阅' : '未阅'}</Text>
              </View>
              <Text className='jdq-row__line'>
                {i.cadreName} · {dayText(i.date)}
                {i.reviews.comments ? ` · 批示 ${i.reviews.comments}` : ''}
                {i.reviews.adopted ? ` · 采纳 ${i.reviews.adopted}` : ''}
              </Text>
            </View>
          ))}
        </Card>
        <ListFooter list={p.inbox} onMore={p.onMore} />
      </View>
    )
  )
}

function Opened(p: ReviewsViewProps & { open: OpenItem }) {
  const { item, text, reviews, writing } = p.open
  return (
    <View data-testid='opened'>
      <Card title={`${item.cadreName}的${reviewTargets[item.targetKind]}`} testId='opened-item'>
        <Text className='jdq-hint'>{dayText(item.date)}</Text>
        {item.targetKind === 'diary' ? (
          <Text className='jdq-text' data-testid='opened-text'>
            {text ?? '正在加载…'}
          </Text>
        ) : (
          <View>
            <Text className='jdq-text'>{item.title}</Text>
            <Text className='jdq-link' data-testid='open-report' onClick={() => p.onOpenFile(item)}>
              打开报告文件
            </Text>
          </View>
        )}
      </Card>
      <Card title='批阅' testId='review-actions'>
        {(reviews ?? []).map((r) => (
          <Text key={r.id} className='jdq-text' data-testid='review'>
            {r.byName}（{r.byOrgName}）{reviewKinds[r.kind]}
            {r.suggestion ? `：${r.suggestion}` : ''}
            {r.comment ? `：${r.comment}` : ''} · {dayText(r.at)}
          </Text>
        ))}
        {writing ? (
          <View>
            {writing.kind === 'adopt' ? (
              <Field label='采纳了哪条建议'>
                <TextArea
                  value={writing.suggestion}
                  onChange={(suggestion) => p.onWrite({ ...writing, suggestion })}
                  maxlength={200}
                  testId='write-suggestion'
                />
              </Field>
            ) : null}
            <Field label={writing.kind === 'adopt' ? '说明（可不填）' : '批示'}>
              <TextArea value={writing.comment} onChange={(comment) => p.onWrite({ ...writing, comment })} maxlength={300} testId='write-comment' />
            </Field>
            <BigButton onClick={p.onSend} loading={p.busy} testId='send-review'>
              {writing.kind === 'adopt' ? '采纳' : '发送批示'}
            </BigButton>
          </View>
        ) : (
          <View>
            <BigButton onClick={p.onRead} loading={p.busy} testId='mark-read'>
              {item.readByMe ? '已阅（再点一次不会重复）' : '已阅'}
            </BigButton>
            <View className='jdq-gap' />
            <BigButton kind='plain' onClick={() => p.onWrite({ kind: 'comment', comment: '', suggestion: '' })} testId='write-review'>
              写批示
            </BigButton>
            {item.targetKind === 'report' ? (
              <>
                <View className='jdq-gap' />
                <BigButton kind='plain' onClick={() => p.onWrite({ kind: 'adopt', comment: '', suggestion: '' })} testId='adopt'>
                  采纳其中的建议
                </BigButton>
              </>
            ) : null}
          </View>
        )}
        <Text className='jdq-link' data-testid='back' onClick={() => p.onOpen(null)}>
          返回列表
        </Text>
      </Card>
    </View>
  )
}

function Received(p: ReviewsViewProps) {
  return (
    listState(p.received, p.onRetry, <EmptyView title='还没有收到批阅' hint='上级领导阅读、批示或采纳您的民情日记和调研报告后，会显示在这里并提醒您。' />) ?? (
      <View>
        <RefreshError list={p.received} />
        <Card>
          {p.received.items.map((r) => (
            <View key={r.id} className='jdq-row' data-testid='received'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{r.title}</Text>
                <Text className={`jdq-tag ${r.kind === 'adopt' ? 'jdq-tag--ok' : 'jdq-tag--plain'}`}>{reviewKinds[r.kind]}</Text>
              </View>
              <Text className='jdq-row__line'>
                {r.byName}（{r.byOrgName}）· {reviewTargets[r.targetKind]} · {dayText(r.at)}
              </Text>
              {r.suggestion ? <Text className='jdq-text'>采纳：{r.suggestion}</Text> : null}
              {r.comment ? <Text className='jdq-text'>{r.comment}</Text> : null}
            </View>
          ))}
        </Card>
        <ListFooter list={p.received} onMore={p.onMore} />
      </View>
    )
  )
}
