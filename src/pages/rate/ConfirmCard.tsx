import { Text, View } from '@tarojs/components'
import type { VisitConfirmation } from '../../../types/cadre-periods'
import { BigButton } from '../../components/BigButton'
import { Card } from '../../components/StateViews'

export interface ConfirmCardProps {
  confirmation: VisitConfirmation
  onConfirm: () => void
  confirming: boolean
  error: string | null
}

/**
 * 确认干部来过: where no fence fits (a herders' camp, a point that moved), a resident on the spot evidences the visit.
 * Shown only while that is possible, or just done.
 */
export function ConfirmCard({ confirmation: c, onConfirm, confirming, error }: ConfirmCardProps) {
  if (c.state === 'open') {
    return (
      <Card title='干部今天来过吗？' testId='confirm-card'>
        <Text className='rate-hint'>
          {c.cadreName} 今天在这里走访，不在原定联系点的范围内。您在现场的话，点下面的按钮确认一下，就算作下基层的一天。
        </Text>
        {error ? (
          <Text className='jdq-field__error' data-testid='confirm-error'>
            {error}
          </Text>
        ) : null}
        <BigButton onClick={onConfirm} loading={confirming} testId='confirm-visit'>
          确认干部今天来过
        </BigButton>
      </Card>
    )
  }
  if (c.state === 'confirmed' && c.message) {
    return (
      <View className='jdq-banner' data-testid='confirm-done'>
        <Text>{c.message}</Text>
      </View>
    )
  }
  return null
}
