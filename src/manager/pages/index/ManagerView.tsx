import { Text, View } from '@tarojs/components'
import type { Me } from '../../../../types/models'
import { orgLevels, systems } from '../../../../types/enums'
import { BigButton } from '../../../components/BigButton'
import { Card, ErrorView, LoadingView } from '../../../components/StateViews'
import type { CloudState } from '../../../hooks/useCloud'
import { isManager, orgPath } from '../../../services/me'
import './index.scss'

/** What the managers' area will hold; real figures arrive with the functions that compute them. */
export const comingSoon: { title: string; desc: string }[] = [
  { title: '成效排行', desc: '按解决的问题、群众满意度和差评整改排名，不看打卡次数' },
  { title: '下基层天数', desc: '每位干部全年 90 天目标的进度' },
  { title: '典型案例', desc: '把解决得好的事例整理出来，供大家学习' }
]

export interface ManagerViewProps {
  me: Pick<CloudState<Me>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onOpenReview?: () => void
  /** 差评回访 and 超期诉求 (issue 4). */
  onOpenCases?: () => void
  /** 干部和联系点: the cadres of the subtree and their 两联 (issue 3). */
  onOpenCadres?: () => void
}

export function ManagerView({ me, onRetry, onOpenReview, onOpenCases, onOpenCadres }: ManagerViewProps) {
  if (!me.data) {
    if (me.error) return <ErrorView message={me.error.message} onRetry={onRetry} retrying={me.loading} />
    return <LoadingView />
  }
  const data = me.data
  if (!isManager(data.role)) {
    return (
      <Card title='这里是管理员的页面' testId='not-manager'>
        <Text className='mgr-text'>您的身份是普通用户，没有管理权限。如需开通，请联系本单位管理员。</Text>
      </Card>
    )
  }
  return (
    <View data-testid='manager'>
      <Card title='本单位' testId='manager-org'>
        {data.org ? (
          <>
            <Text className='mgr-org__name'>{data.org.name}</Text>
            <Text className='mgr-text'>
              {systems.labels[data.org.system]} · {orgLevels.labels[data.org.level]}
            </Text>
            <Text className='mgr-text'>{orgPath(data)}</Text>
          </>
        ) : (
          <Text className='mgr-text'>{data.role === 'admin' ? '省活动办：可查看全省各级组织。' : '还没有绑定组织，请联系省活动办。'}</Text>
        )}
      </Card>
      {onOpenCadres ? (
        <View className='mgr-entry'>
          <BigButton onClick={onOpenCadres} testId='open-cadres'>
            干部和联系点
          </BigButton>
          <Text className='mgr-text mgr-entry__hint'>给干部分配联系点（两联），查看谁的两联还没落实</Text>
        </View>
      ) : null}
      {onOpenReview ? (
        <View className='mgr-entry'>
          <BigButton onClick={onOpenReview} testId='open-review'>
            外勤审核
          </BigButton>
          <Text className='mgr-text mgr-entry__hint'>干部不在联系点范围内的打卡，审核通过后计入下基层天数</Text>
        </View>
      ) : null}
      {onOpenCases ? (
        <View className='mgr-entry'>
          <BigButton onClick={onOpenCases} testId='open-cases'>
            差评回访和超期诉求
          </BigButton>
          <Text className='mgr-text mgr-entry__hint'>每条差评 1 个工作日内回访、限期整改并告诉群众；超期的诉求及时督办</Text>
        </View>
      ) : null}
      <Card title='即将上线' testId='coming-soon'>
        {comingSoon.map((item) => (
          <View key={item.title} className='mgr-item'>
            <View className='mgr-item__head'>
              <Text className='mgr-item__title'>{item.title}</Text>
              <Text className='mgr-item__badge'>建设中</Text>
            </View>
            <Text className='mgr-text'>{item.desc}</Text>
          </View>
        ))}
      </Card>
    </View>
  )
}
