import type { ReactNode } from 'react'
// NutUI per component (not the package index), so only what is used ends up in the mini-program.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './BigButton.scss'

export interface BigButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the one thing to do on the screen; plain: a quieter alternative. */
  kind?: 'primary' | 'plain'
  loading?: boolean
  testId?: string
}

/** A full-width button at least 48 px high with large text: easy to hit and to read. */
export function BigButton({ children, onClick, kind = 'primary', loading = false, testId }: BigButtonProps) {
  return (
    <Button
      className={`jdq-btn jdq-btn--${kind}`}
      type={kind === 'primary' ? 'primary' : 'default'}
      fill={kind === 'primary' ? 'solid' : 'outline'}
      block
      loading={loading}
      onClick={() => onClick?.()}
      data-testid={testId}
    >
      {children}
    </Button>
  )
}
