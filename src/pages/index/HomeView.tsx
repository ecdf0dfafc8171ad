import { Text, View } from '@tarojs/components'
import type { Me } from '@/types/models'
import type { Progress } from '@/types/visits'
import { roles } from '@/types/labels'
import { BigButton } from '../../components/BigButton'
import { Card, EmptyView, ErrorView, LoadingView } from '../../components/StateViews'
import { LiangLianStatus, PointRow } from '../../components/LiangLian'
import type { CloudState } from '../../hooks/useCloud'
import { isManager, orgPath } from '../../services/me'
import type { OutboxState } from '../../services/outbox'
import { currentLang, translator } from '../../i18n'
import { common } from '../../i18n/common'
import { RemindersEntry } from './RemindersEntry'
import { ResidentHome } from './ResidentHome'
import './index.scss'

/** Where the home page's entries lead. */
export type HomeEntry =
  | 'checkin'
  | 'visits'
  | 'calendar'
  | 'households'
  | 'lianglian'
  | 'diary'
  | 'reports'
  | 'ledger'
  | 'ratings'
  | 'exemplars'
  | 'outcomes'
  | 'periods'
  | 'outbox'
  | 'work'

export interface CadreHomeProps {
  /** `visit.progress`, loaded only for a cadre. */
  progress: Pick<CloudState<Progress | null>, 'loading' | 'error' | 'data'>
  onRetryProgress: () => void
  /** What waits on this phone to be sent (check-ins, records, diary, problems). */
  queue: OutboxState
  uploading: boolean
  onUpload: () => void
  onOpen: (entry: HomeEntry) => void
}

export interface HomeViewProps {
  me: Pick<CloudState<Me>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onOpenManager: () => void
  /** Absent: no cadre workspace is shown (e.g. older tests, or a page that has not wired it). */
  cadre?: CadreHomeProps
  /** The reminder center's entry with its unread badge (`reminders.getBadge`). */
  reminders?: { unread: number | undefined; onOpen: () => void }
  /** 投诉建议 for everyone, 加入单位 (invite code) for residents. */
  account?: { onOpenFeedback: () => void; onOpenJoin: () => void }
}

/** 我的工作台: everything the home page shows, from the state of the `user.me` call. */
export function HomeView({ me, onRetry, onOpenManager, cadre, reminders, account }: HomeViewProps) {
  if (!me.data) {
    // Who is calling is not known yet: the words in the language this phone chose (a resident's choice).
    const c = translator(common, currentLang())
    // The home itself: always 重试 (回到首页 would lead back here), so the error goes without its code.
    if (me.error) return <ErrorView error={{ message: me.error.message }} onRetry={onRetry} retrying={me.loading} t={c} />
    return <LoadingView text={c('loading')} />
  }
  const data = me.data
  if (data.role === 'resident') return <ResidentHome refreshError={me.error?.message ?? null} reminders={reminders} account={account} />
  return (
    <View data-testid='home'>
      {me.error ? (
        <View className='home-banner' data-testid='refresh-error'>
          <Text>刷新没有成功：{me.error.message}。下面是上次加载的内容。</Text>
        </View>
      ) : null}
      <ProfileCard me={data} />
      {reminders ? <RemindersEntry {...reminders} /> : null}
      {isManager(data.role) ? (
        <View className='home-entry'>
          <BigButton onClick={onOpenManager} testId='open-manager'>
            进入管理区
          </BigButton>
          <Text className='home-entry__hint'>查看本单位的成效、差评回访和群众诉求</Text>
        </View>
      ) : null}
      {data.role === 'cadre' && cadre ? <CadreWorkspace {...cadre} /> : null}
      {/* 两联 is a cadre's own duty: managers and the province admin have no liaison points to be warned about. */}
      {data.role === 'cadre' ? (
        <>
          <LiangLianCard me={data} onOpen={cadre ? () => cadre.onOpen('lianglian') : undefined} />
          <PointsCard me={data} />
        </>
      ) : null}
      {account ? <AccountLinks {...account} /> : null}
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

function CadreWorkspace(p: CadreHomeProps) {
  return (
    <View data-testid='cadre-workspace'>
      <QueueBanner queue={p.queue} uploading={p.uploading} onUpload={p.onUpload} onOpen={() => p.onOpen('outbox')} />
      <ProgressCard progress={p.progress} onRetry={p.onRetryProgress} onCalendar={() => p.onOpen('calendar')} />
      <View className='home-entry'>
        <BigButton onClick={() => p.onOpen('checkin')} testId='open-checkin'>
          走访打卡
        </BigButton>
      </View>
      <View className='home-grid'>
        <HomeTile title='走访记录' desc='打卡和记录' onClick={() => p.onOpen('visits')} testId='open-visits' />
        <HomeTile title='诉求台账' desc='群众的事办到底' onClick={() => p.onOpen('ledger')} testId='open-ledger' />
        <HomeTile title='群众评价' desc='满意度和差评整改' onClick={() => p.onOpen('ratings')} testId='open-ratings' />
        <HomeTile title='五必访' desc='必访户和走访情况' onClick={() => p.onOpen('households')} testId='open-households' />
        <HomeTile title='两联' desc='联系点和联系人' onClick={() => p.onOpen('lianglian')} testId='open-lianglian' />
        <HomeTile title='日历' desc='哪天下了基层' onClick={() => p.onOpen('calendar')} testId='open-calendar' />
        <HomeTile title='民情日记' desc='所见所闻所想' onClick={() => p.onOpen('diary')} testId='open-diary' />
        <HomeTile title='调研报告' desc='按年份归档' onClick={() => p.onOpen('reports')} testId='open-reports' />
        <HomeTile title='我的成效' desc='得分和怎样提高' onClick={() => p.onOpen('outcomes')} testId='open-outcomes' />
        <HomeTile title='请假和蹲点' desc='请假、培训、抽调、蹲点' onClick={() => p.onOpen('periods')} testId='open-periods' />
        <HomeTile title='典型引路' desc='看看别人怎么做' onClick={() => p.onOpen('exemplars')} testId='open-exemplars' />
        <HomeTile title='听民声 · 汇总' desc='问卷、三问、批阅、工作汇总' onClick={() => p.onOpen('work')} testId='open-work' />
      </View>
    </View>
  )
}

function HomeTile({ title, desc, onClick, testId }: { title: string; desc: string; onClick: () => void; testId: string }) {
  return (
    <View className='home-tile' onClick={onClick} data-testid={testId}>
      <Text className='home-tile__title'>{title}</Text>
      <Text className='home-tile__desc'>{desc}</Text>
    </View>
  )
}

function QueueBanner({ queue, uploading, onUpload, onOpen }: Pick<CadreHomeProps, 'queue' | 'uploading' | 'onUpload'> & { onOpen: () => void }) {
  if (queue.pending.length === 0 && queue.failed.length === 0) return null
  return (
    <View data-testid='queue'>
      {queue.pending.length > 0 ? (
        <View className='jdq-banner jdq-banner--warn' data-testid='queue-pending'>
          <Text className='home-queue__head'>{queue.pending.length} 条待上传</Text>
          <Text className='home-queue__body'>没有信号时保存在手机上的打卡、记录、日记和诉求，有信号时会自动上传。</Text>
          <View className='home-queue__action'>
            <BigButton onClick={onUpload} loading={uploading} testId='upload-now'>
              {uploading ? '正在上传…' : '立即上传'}
            </BigButton>
          </View>
          <View className='jdq-link' onClick={onOpen} data-testid='open-outbox'>
            <Text>查看待上传的内容 ›</Text>
          </View>
        </View>
      ) : null}
      {queue.failed.length > 0 ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='queue-failed' onClick={onOpen}>
          <Text className='home-queue__head'>{queue.failed.length} 条被退回，没能上传</Text>
          <Text className='home-queue__body'>
            {queue.failed[0].label}：{queue.failed[0].message}
          </Text>
          <View className='jdq-link' data-testid='open-failed'>
            <Text>查看原因 ›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}

const pauseWords: Record<'leave' | 'training' | 'secondment', string> = { leave: '请假', training: '培训', secondment: '抽调' }

/**
 * Pace in words: ahead, on track or behind the expected days — never "more is better" past the target. 请假/培训/抽调
 * pause it (the target shrinks by the paused share).
 */
export function paceText(p: Pick<Progress, 'days' | 'expectedByToday' | 'reached' | 'target'> & { pace?: Progress['pace'] }): string {
  if (p.reached) return `已完成全年 ${p.pace?.adjustedTarget ?? p.target} 天的目标`
  if (p.pace?.pausedNow) return `${pauseWords[p.pace.pausedNow.kind]}中，进度暂停到 ${p.pace.pausedNow.to.slice(5).replace('-', '月')}日`
  const behind = p.expectedByToday - p.days
  if (behind > 0) return `比进度少 ${behind} 天`
  return '进度正常'
}

function ProgressCard({ progress, onRetry, onCalendar }: { progress: CadreHomeProps['progress']; onRetry: () => void; onCalendar: () => void }) {
  if (!progress.data) {
    return (
      <Card title='今年下基层' testId='progress'>
        {progress.error ? (
          <View data-testid='progress-error'>
            <Text className='jdq-text'>没能加载进度：{progress.error.message}</Text>
            <View className='jdq-link' onClick={onRetry} data-testid='progress-retry'>
              <Text>点这里重试</Text>
            </View>
          </View>
        ) : (
          <Text className='jdq-text' data-testid='progress-loading'>
            正在加载进度…
          </Text>
        )}
      </Card>
    )
  }
  const p = progress.data
  const target = p.pace.adjustedTarget
  const pct = target > 0 ? Math.round((p.progressDays / target) * 100) : 0
  const behind = !p.reached && p.days < p.expectedByToday
  return (
    <Card title={`${p.year} 年下基层`} testId='progress'>
      <View className='home-progress'>
        <View className='home-ring' style={{ background: `conic-gradient(#c8161d ${pct * 3.6}deg, #f0d6d7 0deg)` }}>
          <View className='home-ring__inner'>
            <Text className='home-ring__days' data-testid='progress-days'>
              {p.days}
            </Text>
            <Text className='home-ring__target'>/ {target} 天</Text>
          </View>
        </View>
        <View className='home-progress__side'>
          <Text className='home-progress__line' data-testid='progress-expected'>
            按进度今天应达 {p.expectedByToday} 天
          </Text>
          <Text className={`home-progress__pace ${behind ? 'home-progress__pace--behind' : ''}`} data-testid='progress-pace'>
            {paceText(p)}
          </Text>
          <Text className='home-progress__line' data-testid='progress-month'>
            本月走访 {p.thisMonth.visits} 次，{p.thisMonth.days} 天
          </Text>
          {p.pace.pausedDays > 0 ? (
            <Text className='home-progress__line home-progress__small' data-testid='progress-paused'>
              今年请假、培训、抽调 {p.pace.pausedDays} 天，目标按 {target} 天算
            </Text>
          ) : null}
          <Text className='home-progress__line home-progress__small'>
            本月外勤 {p.fieldwork.used}/{p.fieldwork.limit} 次{p.fieldwork.pending > 0 ? `，${p.fieldwork.pending} 次待审核` : ''}
          </Text>
        </View>
      </View>
      {progress.error ? <Text className='jdq-text'>刷新没有成功：{progress.error.message}</Text> : null}
      <View className='jdq-link' onClick={onCalendar} data-testid='progress-calendar'>
        <Text>查看日历 ›</Text>
      </View>
    </Card>
  )
}

function LiangLianCard({ me, onOpen }: { me: Me; onOpen?: () => void }) {
  return (
    <Card title='两联情况' testId='lianglian'>
      <LiangLianStatus pointCount={me.liaisonPoints.length} contactCount={me.contactCount} viewer='self' />
      {onOpen ? (
        <View className='jdq-link' onClick={onOpen} data-testid='lianglian-open'>
          <Text>{me.contactCount === 0 ? '去登记联系人 ›' : '查看联系点和联系人 ›'}</Text>
        </View>
      ) : null}
    </Card>
  )
}

function PointsCard({ me }: { me: Me }) {
  return (
    <Card title='我的联系点' testId='points'>
      {me.liaisonPoints.length === 0 ? (
        <EmptyView title='还没有联系点' hint='管理员给您分配联系点后，会显示在这里。' />
      ) : (
        me.liaisonPoints.map((p) => <PointRow key={p.id} point={p} testId='point' />)
      )}
    </Card>
  )
}

/** Staff: 投诉建议 (加入单位 is a resident's, on their home). */
function AccountLinks({ onOpenFeedback }: { onOpenFeedback: () => void; onOpenJoin: () => void }) {
  return (
    <Card testId='account-links'>
      <View className='jdq-link' onClick={onOpenFeedback} data-testid='open-feedback'>
        <Text>投诉建议 ›</Text>
      </View>
    </Card>
  )
}
