import { Text, View } from '@tarojs/components'
import { Card } from '../../components/StateViews'
import { useT } from '../../i18n'
import { ResidentPage } from '../../i18n/ResidentPage'
import { messages } from './messages'
import { RemindersEntry } from './RemindersEntry'

export interface ResidentHomeProps {
  /** The last `user.me` refresh failed (the page shows what it loaded before). */
  refreshError: string | null
  reminders?: { unread: number | undefined; onOpen: () => void }
  account?: { onOpenFeedback: () => void; onOpenJoin: () => void }
  /** Text size from WeChat's font setting (关怀模式); absent: read from the phone. */
  fontScale?: number
}

/**
 * A resident's home: a greeting (a resident has no name or role here, so not "群众 / 群众"), what a scan lets them
 * do, their reminders, 加入单位 and 投诉建议; in the language they chose (./messages.ts), sized by WeChat's font setting.
 */
export function ResidentHome({ refreshError, reminders, account, fontScale }: ResidentHomeProps) {
  const { t, lang, setLang } = useT(messages)
  return (
    <ResidentPage lang={lang} onLang={setLang} testId='home' scale={fontScale}>
      {refreshError ? (
        <View className='home-banner' data-testid='refresh-error'>
          <Text>{t('refreshFailed', { message: refreshError })}</Text>
        </View>
      ) : null}
      <View className='home-profile' data-testid='profile'>
        <Text className='home-profile__name'>{t('hello')}</Text>
        <Text className='home-profile__org'>{t('scanToStart')}</Text>
      </View>
      {reminders ? <RemindersEntry {...reminders} title={t('reminders')} none={t('noReminders')} /> : null}
      <Card title={t('guideTitle')} testId='resident-guide'>
        <Text className='home-guide__line'>{t('guideLine')}</Text>
        <Text className='home-guide__item'>{t('guideRate')}</Text>
        <Text className='home-guide__item'>{t('guideReport')}</Text>
      </Card>
      {account ? (
        <Card testId='account-links'>
          <View className='jdq-link' onClick={account.onOpenJoin} data-testid='open-join'>
            <Text>{t('join')}</Text>
          </View>
          <View className='jdq-link' onClick={account.onOpenFeedback} data-testid='open-feedback'>
            <Text>{t('feedback')}</Text>
          </View>
        </Card>
      ) : null}
    </ResidentPage>
  )
}
