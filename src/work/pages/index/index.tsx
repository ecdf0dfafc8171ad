import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Card } from '@/src/components/StateViews'

/** Where a cadre's home reaches 调查问卷, 三问, 批阅, the packs and the village view (kept out of the main package). */
const entries = [
  { key: 'surveys', title: '调查问卷', desc: '问需问计，扫码填写', url: '/work/pages/surveys/index' },
  { key: 'voices', title: '三问记录', desc: '群众在问政、问需、问计时说了什么', url: '/work/pages/voices/index' },
  { key: 'reviews', title: '领导批阅', desc: '日记和报告收到的已阅、批示和采纳', url: '/work/pages/reviews/index?tab=received' },
  { key: 'pack', title: '工作汇总', desc: '月度、年度一页纸，可打印、可导出', url: '/work/pages/pack/index' },
  { key: 'places', title: '村里谁来过', desc: '工会、共青团、妇联三家走访不扎堆', url: '/work/pages/places/index' }
]

export default function WorkIndexPage() {
  return (
    <View className='jdq-page' data-testid='work-index'>
      <Card>
        {entries.map((e) => (
          <View key={e.key} className='jdq-row' data-testid={`open-${e.key}`} onClick={() => void Taro.navigateTo({ url: e.url })}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{e.title}</Text>
            </View>
            <Text className='jdq-hint'>{e.desc}</Text>
          </View>
        ))}
      </Card>
    </View>
  )
}
