import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { BigButton } from './BigButton'
import './StateViews.scss'

/** While data is on its way: a spinner and words, never a blank screen. */
export function LoadingView({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className='jdq-state' data-testid='loading'>
      <View className='jdq-state__spinner' />
      <Text className='jdq-state__text'>{text}</Text>
    </View>
  )
}

/** Nothing to show yet, and what to do about it. */
export function EmptyView({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <View className='jdq-state jdq-state--empty' data-testid='empty'>
      <Text className='jdq-state__title'>{title}</Text>
      {hint ? <Text className='jdq-state__text'>{hint}</Text> : null}
      {children}
    </View>
  )
}

/**
 * Something went wrong: plain words and a large 重试 button. `title` and `retryText` are the reader's language
 * on a resident page (src/i18n/common.ts); `message` is the server's or the network's sentence.
 */
export function ErrorView({
  message,
  onRetry,
  retrying = false,
  title = '没能加载出来',
  retryText = '重试'
}: {
  message: string
  onRetry?: () => void
  retrying?: boolean
  title?: string
  retryText?: string
}) {
  return (
    <View className='jdq-state jdq-state--error' data-testid='error'>
      <Text className='jdq-state__title' data-testid='error-title'>
        {title}
      </Text>
      <Text className='jdq-state__text'>{message}</Text>
      {onRetry ? (
        <View className='jdq-state__action'>
          <BigButton onClick={onRetry} loading={retrying} testId='retry'>
            {retryText}
          </BigButton>
        </View>
      ) : null}
    </View>
  )
}

/** A white block with an optional heading, the building stone of every page. */
export function Card({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
  return (
    <View className='jdq-card' data-testid={testId}>
      {title ? <Text className='jdq-card__title'>{title}</Text> : null}
      {children}
    </View>
  )
}
