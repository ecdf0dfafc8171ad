import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import './Field.scss'

/** A labelled block of a form, with an optional hint and error below. */
export function Field({ label, hint, error, children, testId }: { label: string; hint?: string; error?: string | null; children: ReactNode; testId?: string }) {
  return (
    <View className={error ? 'jdq-field jdq-field--error' : 'jdq-field'} data-testid={testId} data-invalid={error ? 'true' : undefined}>
      <Text className='jdq-field__label'>{label}</Text>
      {children}
      {hint ? <Text className='jdq-field__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='jdq-field__error' data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

type InputEvent = { detail: { value: string } }

export function TextInput({
  value,
  onChange,
  placeholder,
  type = 'text',
  maxlength = 100,
  testId
}: {
  value: string
  onChange: (v: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  testId?: string
}) {
  return (
    <Input
      className='jdq-input'
      value={value}
      type={type}
      maxlength={maxlength}
      placeholder={placeholder}
      onInput={(e: InputEvent) => onChange(e.detail.value)}
      data-testid={testId}
    />
  )
}

export function TextArea({
  value,
  onChange,
  placeholder,
  maxlength = 500,
  testId
}: {
  value: string
  onChange: (v: string) => void
  placeholder?: string
  maxlength?: number
  testId?: string
}) {
  return (
    <Textarea
      className='jdq-textarea'
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      autoHeight
      onInput={(e: InputEvent) => onChange(e.detail.value)}
      data-testid={testId}
    />
  )
}
