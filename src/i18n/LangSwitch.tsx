import { Text, View } from '@tarojs/components'
import { langNames, type Lang } from './index'
import './LangSwitch.scss'

/** 中文 | བོད་ཡིག — each name in its own script, so a resident finds theirs whatever is showing. */
export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  return (
    <View className='jdq-lang' data-testid='lang-switch'>
      {(Object.keys(langNames) as Lang[]).map((l) => (
        <View
          key={l}
          className={`jdq-lang__item${l === lang ? ' jdq-lang__item--on' : ''}`}
          data-testid={`lang-${l}`}
          data-selected={l === lang ? 'true' : 'false'}
          onClick={() => onChange(l)}
        >
          <Text className={l === 'bo' ? 'jdq-bo' : ''}>{langNames[l]}</Text>
        </View>
      ))}
    </View>
  )
}
