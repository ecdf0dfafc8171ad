import { Text, View } from '@tarojs/components'
import type { VisitConfirmation } from '@/types/cadre-periods'
import { BigButton } from '../../components/BigButton'
import { Card } from '../../components/StateViews'
import type { translator } from '../../i18n'
import type { RateKey } from './messages'

export interface ConfirmCardProps {
  confirmation: VisitConfirmation
  onConfirm: () => void
  confirming: boolean
  error: string | null
}

/**
 * 确认干部来过: where no fence fits (a herders' camp, a point that moved), a resident on the spot evidences the visit.
 * Shown only while that is possible, or just done; in the resident's language (the rating page's catalog).
 */
export function ConfirmCard({ confirmation: c, onConfirm, confirming, error, t }: ConfirmCardProps & { t: ReturnType<typeof translator<RateKey>> }) {
  if (c.state === 'open') {
    return (
      <Card title={t('confirm.title')} testId='confirm-card'>
        <Text className='rate-hint'>{t('confirm.body', { name: c.cadreName })}</Text>
        {error ? (
          <Text className='jdq-field__error' data-testid='confirm-error'>
            {error}
          </Text>
        ) : null}
        <BigButton onClick={onConfirm} loading={confirming} testId='confirm-visit'>
          {t('confirm.button')}
        </BigButton>
      </Card>
    )
  }
  if (c.state === 'confirmed') {
    return (
      <View className='jdq-banner' data-testid='confirm-done'>
        <Text>{t('confirm.done')}</Text>
      </View>
    )
  }
  return null
}
