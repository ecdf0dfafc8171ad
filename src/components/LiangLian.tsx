import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { FourInto } from '@/types/enums'
import { fourInto } from '@/types/labels'

/**
 * 两联落实了没有 (at least one liaison point and one contact person): a green or amber block with a headline,
 * the counts or what is missing, and what to do about it — for the cadre themself or for their manager.
 */
export function LiangLianStatus({
  pointCount,
  contactCount,
  viewer,
  inset = false,
  testId
}: {
  pointCount: number
  contactCount: number
  /** Whose words: the cadre's own pages, or a manager looking at the cadre (TA). */
  viewer: 'self' | 'manager'
  /** Outside a card: the block keeps the page margin. */
  inset?: boolean
  testId?: string
}) {
  const missing = [pointCount === 0 ? '联系点' : null, contactCount === 0 ? '联系人' : null].filter((m): m is string => m !== null)
  const complete = missing.length === 0
  const hints =
    viewer === 'self'
      ? [pointCount === 0 ? '联系点由本单位管理员分配，请联系管理员。' : null, contactCount === 0 ? '请在联系点登记至少一位联系人。' : null]
      : [pointCount === 0 ? '还没有联系点，请给 TA 分配一个。' : null, contactCount === 0 ? 'TA 还没有登记联系人，请提醒 TA 在“两联”里登记。' : null]
  const lines = complete
    ? [`联系点 ${pointCount} 个，联系人 ${contactCount} 位`]
    : [`还缺：${missing.join('、')}`, ...hints.filter((h): h is string => h !== null)]
  return (
    <View className={`jdq-status jdq-status--${complete ? 'ok' : 'todo'}${inset ? ' jdq-status--inset' : ''}`} data-testid={testId}>
      <Text className='jdq-status__head'>{complete ? '✓ 两联已落实' : '两联还没落实'}</Text>
      {lines.map((line) => (
        <Text key={line} className='jdq-status__body'>
          {line}
        </Text>
      ))}
    </View>
  )
}

/** One liaison point: name, 四进 kind, address and check-in radius; `children` below (e.g. an edit link). */
export function PointRow({
  point,
  testId,
  children
}: {
  point: { name: string; kind: FourInto; address: string; radiusM: number }
  testId: string
  children?: ReactNode
}) {
  return (
    <View className='jdq-row' data-testid={testId}>
      <View className='jdq-row__head'>
        <Text className='jdq-row__title'>{point.name}</Text>
        <Text className='jdq-tag jdq-tag--plain'>{fourInto.labels[point.kind]}</Text>
      </View>
      <Text className='jdq-row__line'>地址：{point.address}</Text>
      <Text className='jdq-row__line'>打卡范围：{point.radiusM} 米以内</Text>
      {children}
    </View>
  )
}
