import { Text, View } from '@tarojs/components'
import type { Me } from '../../../types/models'
import { fourInto, roles } from '../../../types/enums'
import { BigButton } from '../../components/BigButton'
import { Card, EmptyView, ErrorView, LoadingView } from '../../components/StateViews'
import type { CloudState } from '../../hooks/useCloud'
import { isManager, liangLianStatus, orgPath } from '../../services/me'
import './index.scss'

export interface HomeViewProps {
  me: Pick<CloudState<Me>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onOpenManager: () => void
}

/** 我的工作台: everything the home page shows, from the state of the `user.me` call. */
export function HomeView({ me, onRetry, onOpenManager }: HomeViewProps) {
  if (!me.data) {
    if (me.error) return <ErrorView message={me.error.message} onRetry={onRetry} retrying={me.loading} />
    return <LoadingView />
  }
  const data = me.data
  return (
    <View data-testid='home'>
      {me.error ? (
        <View className='home-banner' data-testid='refresh-error'>
          <Text>刷新没有成功：{me.error.message}。下面是上次加载的内容。</Text>
        </View>
      ) : null}
      <ProfileCard me={data} />
      {isManager(data.role) ? (
        <View className='home-entry'>
          <BigButton onClick={onOpenManager} testId='open-manager'>
            进入管理区
          </BigButton>
          <Text className='home-entry__hint'>查看本单位的成效、差评回访和群众诉求</Text>
        </View>
      ) : null}
      {data.role === 'resident' ? (
        <ResidentGuide />
      ) : (
        <>
          <LiangLianCard me={data} />
          <PointsCard me={data} />
        </>
      )}
    </View>
  )
}

function ProfileCard({ me }: { me: Me }) {
  const path = orgPath(me)
  return (
    <View className='home-profile' data-testid='profile'>
      <Text className='home-profile__name'>{me.name}</Text>
      <View className='home-profile__line'>
        <Text className='home-profile__role'>{roles.labels[me.role]}</Text>
        {me.title ? <Text className='home-profile__title'>{me.title}</Text> : null}
      </View>
      {path ? <Text className='home-profile__org'>{path}</Text> : null}
    </View>
  )
}

function LiangLianCard({ me }: { me: Me }) {
  const status = liangLianStatus(me)
  return (
    <Card title='两联情况' testId='lianglian'>
      {status.complete ? (
        <View className='home-status home-status--ok'>
          <Text className='home-status__head'>✓ 两联已落实</Text>
          <Text className='home-status__body'>
            联系点 {me.liaisonPoints.length} 个，联系人 {me.contactCount} 位
          </Text>
        </View>
      ) : (
        <View className='home-status home-status--todo'>
          <Text className='home-status__head'>两联还没落实</Text>
          <Text className='home-status__body'>还缺：{status.missing.join('、')}</Text>
          {me.liaisonPoints.length === 0 ? (
            <Text className='home-status__body'>联系点由本单位管理员分配，请联系管理员。</Text>
          ) : null}
          {me.contactCount === 0 ? <Text className='home-status__body'>请在联系点登记至少一位联系人。</Text> : null}
        </View>
      )}
    </Card>
  )
}

function PointsCard({ me }: { me: Me }) {
  return (
    <Card title='我的联系点' testId='points'>
      {me.liaisonPoints.length === 0 ? (
        <EmptyView title='还没有联系点' hint='管理员给您分配联系点后，会显示在这里。' />
      ) : (
        me.liaisonPoints.map((p) => (
          <View key={p.id} className='home-point' data-testid='point'>
            <View className='home-point__head'>
              <Text className='home-point__name'>{p.name}</Text>
              <Text className='home-point__kind'>{fourInto.labels[p.kind]}</Text>
            </View>
            <Text className='home-point__line'>地址：{p.address}</Text>
            <Text className='home-point__line'>打卡范围：{p.radiusM} 米以内</Text>
          </View>
        ))
      )}
    </Card>
  )
}

function ResidentGuide() {
  return (
    <Card title='您可以这样做' testId='resident-guide'>
      <Text className='home-guide__line'>用微信扫码（扫一扫干部出示的二维码），就可以：</Text>
      <Text className='home-guide__item'>1. 为干部的服务打分（群众点评），实名但保密，干部看不到是谁评的；</Text>
      <Text className='home-guide__item'>2. 反映您遇到的困难和问题，办理进度会告诉您。</Text>
    </Card>
  )
}
