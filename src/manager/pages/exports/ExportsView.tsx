import { Text, View } from '@tarojs/components'
import type { ExportJob, ExportKind } from '@/types/exports'
import { exportKinds, exportStatusLabels } from '@/types/labels'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import './index.scss'

export interface ExportsViewProps {
  kind: ExportKind
  onKind: (k: ExportKind) => void
  period: string
  periods: { value: string; label: string }[]
  onPeriod: (p: string) => void
  /** The export being made (or just made) on this screen. */
  job: ExportJob | null
  working: boolean
  error: string | null
  onStart: () => void
  onContinue: () => void
  onOpen: (job: ExportJob) => void
  opening: string | null
  recent: Pick<CloudState<{ items: ExportJob[] }>, 'loading' | 'error' | 'data'>
  onRetry: () => void
}

const kindOptions = (['demands', 'ratings', 'rankings', 'pack'] as const).map((k) => ({ value: k, label: exportKinds[k] }))
const kindHints: Record<ExportKind, string> = {
  demands: '每件群众诉求一行：领域、办理方式、期限、是否超期、答复和评价。群众电话只显示前三位和后四位。',
  ratings: '每条群众评价一行：等级、标签、留言和处理情况。不显示评价人的任何信息。',
  rankings: '每位干部一行：综合得分和各项得分，以及名次。',
  pack: '月度或年度工作汇总：本单位汇总一页，每位干部一行（走访、天数、四进、五必访和四个百家、诉求、评价、问卷），另附三问摘要。',
  survey: '一份问卷的统计和每份答卷（群众扫码或纸质录入），不含答卷人的任何信息。'
}
const size = (n: number | null) => (n === null ? '' : n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`)
const when = (iso: string) => beijing(iso).format('M月D日 HH:mm')

export function percentOf(job: Pick<ExportJob, 'rowsDone' | 'estimatedTotal' | 'status'>): number {
  if (job.status === 'done') return 100
  if (job.estimatedTotal <= 0) return 0
  return Math.min(99, Math.floor((job.rowsDone / job.estimatedTotal) * 100))
}

/** 导出报表: pick what to export, watch it being made, then open the file. */
export function ExportsView(p: ExportsViewProps) {
  return (
    <View data-testid='exports'>
      <Card title='导出什么'>
        <Chips options={kindOptions} value={p.kind} onChange={p.onKind} testId='export-kind' />
        <Text className='exp-hint'>{kindHints[p.kind]}</Text>
      </Card>
      <Card title='哪段时间'>
        <Chips options={p.periods} value={p.period} onChange={p.onPeriod} testId='export-period' />
        <Text className='exp-hint'>范围是您管理的全部单位。数据多时要等一会儿，请不要离开这个页面。</Text>
      </Card>
      {p.error ? (
        <Text className='exp-error' data-testid='export-error'>
          {p.error}
        </Text>
      ) : null}
      <View className='exp-action'>
        <BigButton onClick={p.onStart} loading={p.working} testId='start-export'>
          {p.working ? '正在生成…' : '生成报表'}
        </BigButton>
      </View>
      {p.job ? <JobCard job={p.job} working={p.working} onContinue={p.onContinue} onOpen={p.onOpen} opening={p.opening} /> : null}
      <Card title='最近导出的报表' testId='recent-exports'>
        <Recent {...p} />
      </Card>
    </View>
  )
}

function JobCard({
  job,
  working,
  onContinue,
  onOpen,
  opening
}: {
  job: ExportJob
  working: boolean
  onContinue: () => void
  onOpen: (j: ExportJob) => void
  opening: string | null
}) {
  const pct = percentOf(job)
  return (
    <Card title={`${exportKinds[job.kind]} · ${job.orgName}`} testId='export-job'>
      <Text className='exp-status' data-testid='export-status'>
        {exportStatusLabels[job.status]}
      </Text>
      {job.status !== 'failed' ? (
        <View className='exp-bar' data-testid='export-progress' data-percent={String(pct)}>
          <View className='exp-bar__fill' style={{ width: `${pct}%` }} />
        </View>
      ) : null}
      <Text className='exp-hint' data-testid='export-rows'>
        {job.status === 'done'
          ? `共 ${job.rowsDone} 条`
          : job.estimatedTotal > 0
            ? `已处理 ${job.rowsDone} 条，约 ${job.estimatedTotal} 条（${pct}%）`
            : `已处理 ${job.rowsDone} 条`}
      </Text>
      {job.status === 'failed' ? <Text className='exp-error'>{job.error ?? '没有成功，请重新导出'}</Text> : null}
      {job.status === 'running' && job.needsContinue && !working ? (
        <BigButton kind='plain' onClick={onContinue} testId='continue-export'>
          接着生成
        </BigButton>
      ) : null}
      {job.status === 'done' && job.url ? (
        <View>
          <Text className='exp-hint' data-testid='export-file'>
            {job.fileName}（{size(job.size)}）
          </Text>
          <BigButton onClick={() => onOpen(job)} loading={opening === job.jobId} testId='open-export'>
            打开表格
          </BigButton>
        </View>
      ) : null}
    </Card>
  )
}

function Recent(p: ExportsViewProps) {
  if (!p.recent.data) {
    if (p.recent.error) return <ErrorView error={p.recent.error} onRetry={p.onRetry} retrying={p.recent.loading} />
    return <LoadingView />
  }
  if (!p.recent.data.items.length) return <EmptyView title='还没有导出过报表' />
  return (
    <View>
      {p.recent.data.items.map((j) => (
        <View className='jdq-row' key={j.jobId} data-testid='recent-export'>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>
              {exportKinds[j.kind]} · {j.period}
            </Text>
            <Text className={`jdq-tag ${j.status === 'done' ? 'jdq-tag--ok' : j.status === 'failed' ? 'jdq-tag--bad' : 'jdq-tag--wait'}`}>
              {exportStatusLabels[j.status]}
            </Text>
          </View>
          <Text className='jdq-row__line'>
            {j.orgName} · {when(j.createdAt)}
            {j.status === 'done' ? ` · ${j.rowsDone} 条 · ${size(j.size)}` : ''}
          </Text>
          {j.status === 'done' && j.url ? (
            <BigButton kind='plain' onClick={() => p.onOpen(j)} loading={p.opening === j.jobId} testId='open-recent'>
              打开
            </BigButton>
          ) : null}
        </View>
      ))}
    </View>
  )
}
