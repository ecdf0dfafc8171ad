import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Lang } from './index'
import { fontScale } from './font-scale'
import { LangSwitch } from './LangSwitch'
import './ResidentPage.scss'

/**
 * The frame of every page a resident reads: the language switch at the top (remembered, shared by every page),
 * Tibetan marked as such (its fonts and line height), and the text of the page and of the shared blocks on it
 * sized by WeChat's font setting (关怀模式, src/i18n/font-scale.ts). `scale` stands in for the setting in tests.
 */
export function ResidentPage({
  lang,
  onLang,
  children,
  testId,
  className = '',
  scale
}: {
  lang: Lang
  onLang: (lang: Lang) => void
  children: ReactNode
  testId?: string
  className?: string
  scale?: number
}) {
  const style = { '--jdq-fs': String(scale ?? fontScale()) } as Record<string, string>
  return (
    <View className={`jdq-care${lang === 'bo' ? ' jdq-bo' : ''}${className ? ` ${className}` : ''}`} style={style} data-lang={lang} data-testid={testId}>
      <LangSwitch lang={lang} onChange={onLang} />
      {children}
    </View>
  )
}
