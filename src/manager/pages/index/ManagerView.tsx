import { Text, View } from '@tarojs/components'
import type { Me } from '@/types/models'
import { orgLevels, systems } from '@/types/labels'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { isManager, orgPath } from '@/src/services/me'
import './index.scss'

export type EntryKey =
  | 'cases'
  | 'held'
  | 'review'
  | 'periods'
  | 'rankings'
  | 'dashboard'
  | 'honours'
  | 'exemplars'
  | 'cadres'
  | 'org'
  | 'rules'
  | 'exports'
  | 'feedback-admin'
  | 'reconcile'
  | 'reviews'
  | 'surveys'
  | 'voices'
  | 'pack'
  | 'places'
  | 'holidays'

export interface ManagerEntry {
  key: EntryKey
  title: string
  hint: string
  url: string
  /** Only the province admin (the campaign office) has this work. */
  adminOnly?: boolean
}

/**
 * The managers' area as one table, in groups a manager reads top to bottom: what needs doing today first,
 * then outcomes, then running the unit. The page wires each key to its url; tests click by `open-<key>`.
 */
export const entryGroups: { title: string; entries: ManagerEntry[] }[] = [
  {
    title: '要马上办的',
    entries: [
      {
        key: 'cases',
        title: '差评回访和诉求督办',
        hint: '差评 1 个工作日内回访、限期整改；超期诉求督办；审批延期申请；签收答复上报的诉求；核查标为无效的诉求',
        url: '/manager/pages/cases/index'
      },
      { key: 'held', title: '待审核的评价', hint: '超出活动合理人数、短时间集中扫码的群众评价先不计入成效，核实后采纳', url: '/manager/pages/held/index' },
      { key: 'review', title: '外勤审核', hint: '干部不在联系点范围内的打卡，审核通过后计入下基层天数', url: '/manager/pages/review/index' },
      {
        key: 'periods',
        title: '请假和蹲点审批',
        hint: '请假、培训、抽调期间下基层进度暂停；蹲点审批通过后每天计入下基层天数',
        url: '/cadre/pages/periods/index?queue=1'
      },
      {
        key: 'reviews',
        title: '批阅日记和报告',
        hint: '阅读下级干部的民情日记、调研报告，批示或采纳其中的建议，干部会收到提醒',
        url: '/work/pages/reviews/index'
      }
    ]
  },
  {
    title: '听群众的',
    entries: [
      { key: 'voices', title: '三问记录', hint: '走访中群众在问政、问需、问计时说的话，按单位和联系点汇总', url: '/work/pages/voices/index' },
      { key: 'surveys', title: '调查问卷', hint: '本单位及下级发放的问卷和实时结果；可以把问卷模板下发给下级', url: '/work/pages/surveys/index' },
      { key: 'places', title: '村里谁来过', hint: '工会、共青团、妇联三家这个月去了哪些村（社区），避免扎堆走访', url: '/work/pages/places/index' }
    ]
  },
  {
    title: '看成效',
    entries: [
      {
        key: 'rankings',
        title: '成效排行',
        hint: '先比单位，再看干部：按群众满意度、诉求按时办结、差评整改和五必访，不看打卡次数和下沉天数',
        url: '/manager/pages/rankings/index'
      },
      {
        key: 'dashboard',
        title: '数据看板',
        hint: '走访、下基层天数、诉求办理和群众满意度，按月、季、年看趋势，逐级查看下级和干部',
        url: '/manager/pages/dashboard/index'
      },
      { key: 'honours', title: '表彰和通报', hint: '每月按规则生成名单，审核后发布，本单位及下级都能看到', url: '/manager/pages/honours/index' },
      { key: 'exemplars', title: '典型引路', hint: '把做得好的走访、民情日记和办结的诉求设为典型，全系统的干部都能学习', url: '/cadre/pages/exemplars/index' }
    ]
  },
  {
    title: '管单位',
    entries: [
      { key: 'cadres', title: '干部和联系点', hint: '给干部分配联系点（两联），查看谁的两联还没落实', url: '/manager/pages/cadres/index' },
      { key: 'org', title: '组织和邀请', hint: '下级单位和成员；用邀请码请干部加入；调动、移除干部', url: '/manager/pages/org/index' },
      { key: 'rules', title: '制度设置', hint: '天数目标、办理时限、评价期限等，以及每次修改的记录', url: '/manager/pages/rules/index' },
      {
        key: 'pack',
        title: '月度、年度工作汇总',
        hint: '本单位和每位干部的走访、四进、五必访和四个百家、诉求、评价、问卷和三问，可打印、可导出',
        url: '/work/pages/pack/index'
      },
      { key: 'exports', title: '导出报表', hint: '诉求台账、群众点评、排名和工作汇总导出为 Excel 表格，可以转发或打印', url: '/manager/pages/exports/index' }
    ]
  },
  {
    title: '省活动办',
    entries: [
      { key: 'feedback-admin', title: '投诉建议处理', hint: '群众和干部提交的投诉建议，逐条答复', url: '/manager/pages/feedback/index', adminOnly: true },
      {
        key: 'reconcile',
        title: '数据核对报告',
        hint: '每晚按原始记录重算统计数字，发现不一致会自动改正并列在这里',
        url: '/manager/pages/reconcile/index',
        adminOnly: true
      },
      {
        key: 'holidays',
        title: '法定节假日安排',
        hint: '所有办理时限按工作日计算；国务院公布新一年的放假安排后在这里录入',
        url: '/manager/pages/holidays/index',
        adminOnly: true
      }
    ]
  }
]

export const entryUrl = (key: EntryKey): string => entryGroups.flatMap((g) => g.entries).find((e) => e.key === key)!.url

export interface ManagerViewProps {
  me: Pick<CloudState<Me>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onOpen: (key: EntryKey) => void
}

export function ManagerView({ me, onRetry, onOpen }: ManagerViewProps) {
  if (!me.data) {
    if (me.error) return <ErrorView error={me.error} onRetry={onRetry} retrying={me.loading} />
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
  const isAdmin = data.role === 'admin'
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
          <Text className='mgr-text'>{isAdmin ? '省活动办：可查看全省各级组织。' : '还没有绑定组织，请联系省活动办。'}</Text>
        )}
      </Card>
      {entryGroups.map((group) => {
        const entries = group.entries.filter((e) => isAdmin || !e.adminOnly)
        if (entries.length === 0) return null
        return (
          <Card key={group.title} title={group.title} testId={`group-${group.title}`}>
            {entries.map((e) => (
              <View key={e.key} className='mgr-entry' hoverClass='mgr-entry--pressed' data-testid={`open-${e.key}`} onClick={() => onOpen(e.key)}>
                <View className='mgr-entry__body'>
                  <Text className='mgr-entry__title'>{e.title}</Text>
                  <Text className='mgr-entry__hint'>{e.hint}</Text>
                </View>
                <Text className='mgr-entry__go'>›</Text>
              </View>
            ))}
          </Card>
        )
      })}
    </View>
  )
}
