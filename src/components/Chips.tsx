import { Text, View } from '@tarojs/components'
import './Chips.scss'

export interface ChipOption<T extends string> {
  value: T
  label: string
}

/** One choice among a few, as large buttons that wrap (easier than a picker wheel for older eyes and thumbs). */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  testId,
  bar = false
}: {
  options: readonly ChipOption<T>[]
  value: T | null | undefined
  onChange: (value: T) => void
  testId?: string
  /** A filter or tab bar straight on the page (not inside a card): kept off the screen's edges. */
  bar?: boolean
}) {
  return (
    <View className={bar ? 'jdq-chips jdq-chips--bar' : 'jdq-chips'} data-testid={testId}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`jdq-chip${o.value === value ? ' jdq-chip--on' : ''}`}
          data-testid={testId ? `${testId}-${o.value}` : undefined}
          data-selected={o.value === value ? 'true' : 'false'}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** The options of a labelled enum (types/enums.ts) for Chips. */
export function optionsOf<T extends string>(labels: Record<T, string>): ChipOption<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}

/**
 * Any number of choices among a few. A chosen one carries a tick as well as the colour, so the state reads without
 * colour vision and tells these apart from one-of chips.
 */
export function ToggleChips<T extends string>({
  options,
  values,
  onToggle,
  testId
}: {
  options: readonly ChipOption<T>[]
  values: readonly T[]
  onToggle: (value: T) => void
  testId?: string
}) {
  return (
    <View className='jdq-chips' data-testid={testId}>
      {options.map((o) => {
        const on = values.includes(o.value)
        return (
          <View
            key={o.value}
            className={`jdq-chip${on ? ' jdq-chip--on' : ''}`}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            data-selected={on ? 'true' : 'false'}
            onClick={() => onToggle(o.value)}
          >
            <Text>{on ? `✓ ${o.label}` : o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
