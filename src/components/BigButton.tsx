import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'
import './BigButton.scss'

export interface BigButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the one thing to do on the screen; plain: a quieter alternative. */
  kind?: 'primary' | 'plain'
  loading?: boolean
  testId?: string
}

/**
 * A full-width button at least 48 px high with large text: easy to hit and to read. The platform's own button
 * (its loading spinner, its tap feedback, read out as a button): a component library's button cost the main
 * package about 40 KB of script and styles for the same thing.
 */
export function BigButton({ children, onClick, kind = 'primary', loading = false, testId }: BigButtonProps) {
  return (
    <Button
      className={`jdq-btn jdq-btn--${kind}`}
      type={kind === 'primary' ? 'primary' : 'default'}
      hoverClass='jdq-btn--pressed'
      // Absent, not false: on H5 `loading={false}` becomes the attribute loading="false", which Taro's own
      // `[loading][type=primary]` style reads as loading (a pale, greyed-green button).
      loading={loading || undefined}
      onClick={() => onClick?.()}
      data-testid={testId}
    >
      {children}
    </Button>
  )
}
