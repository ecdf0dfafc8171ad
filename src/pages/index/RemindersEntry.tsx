import { Text, View } from '@tarojs/components'

/** The reminder center's entry with its unread badge; `title` and `none` in the reader's language on a resident's home. */
export function RemindersEntry({
  unread,
  onOpen,
  title = '提醒',
  none = '没有新提醒 ›'
}: {
  unread: number | undefined
  onOpen: () => void
  title?: string
  none?: string
}) {
  return (
    <View className='home-reminders' onClick={onOpen} data-testid='open-reminders'>
      <Text className='home-reminders__title'>{title}</Text>
      {unread ? (
        <Text className='home-reminders__badge' data-testid='reminders-badge'>
          {unread > 99 ? '99+' : unread}
        </Text>
      ) : (
        <Text className='home-reminders__hint'>{none}</Text>
      )}
    </View>
  )
}
