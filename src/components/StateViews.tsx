import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { retryCanHelp, type ErrorCode } from '@/types/errors'
import { BigButton } from './BigButton'
import { chineseCommon, type CommonT } from '../i18n/common'
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
 * Something went wrong: plain words and a large 重试 button — or, when asking again cannot change the answer (the
 * error's `code`: a broken link, no right to it, gone; types/errors.ts), 回到首页 instead. `error.message` is the
 * server's or the network's sentence; `t` gives the page's own words in the reader's language on a resident page
 * (src/i18n/common.ts).
 */
export function ErrorView({
  error,
  onRetry,
  retrying = false,
  t = chineseCommon
}: {
  error: { message: string; code?: ErrorCode }
  onRetry?: () => void
  retrying?: boolean
  t?: CommonT
}) {
  const retry = onRetry && retryCanHelp(error.code)
  return (
    <View className='jdq-state jdq-state--error' data-testid='error'>
      <Text className='jdq-state__title' data-testid='error-title'>
        {t('loadFailed')}
      </Text>
      <Text className='jdq-state__text'>{error.message}</Text>
      {retry ? (
        <View className='jdq-state__action'>
          <BigButton onClick={onRetry} loading={retrying} testId='retry'>
            {t('retry')}
          </BigButton>
        </View>
      ) : onRetry ? (
        <View className='jdq-state__action'>
          <BigButton kind='plain' onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })} testId='go-home'>
            {t('home')}
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
