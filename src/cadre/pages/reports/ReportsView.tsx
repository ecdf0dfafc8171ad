import { Text, View } from '@tarojs/components'
import type { Report, UploadedFile } from '@/types/diary'
import { formatBytes } from '@/types/rules/diary'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { visitTime } from '../../format'

export interface ReportDraft {
  title: string
  file: UploadedFile | null
}

export interface ReportsViewProps {
  year: number
  years: number[]
  onYear: (year: number) => void
  list: Pick<CloudState<{ year: number; items: Report[] }>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  onOpen: (report: Report) => void
  onRemove: (report: Report) => void
  opening: string | null
  draft: ReportDraft
  onTitle: (title: string) => void
  onPick: () => void
  uploading: boolean
  saving: boolean
  error: string | null
  onSave: () => void
}

/** 调研报告: filed per year, opened from cloud storage; a form to upload one more. */
export function ReportsView(p: ReportsViewProps) {
  return (
    <View data-testid='reports'>
      <Card title='上传调研报告' testId='report-form'>
        <Field label='报告标题'>
          <TextInput value={p.draft.title} onChange={p.onTitle} maxlength={100} placeholder='例如：关于互助县冬季取暖的调研' testId='report-title' />
        </Field>
        <Field label='文件' hint='pdf、Word、WPS、Excel、PPT 或 txt；在微信里从聊天记录中选择文件。'>
          {p.draft.file ? (
            <Text className='jdq-row__line' data-testid='report-file'>
              {p.draft.file.name}（{formatBytes(p.draft.file.size)}）
            </Text>
          ) : null}
          <View className='jdq-link' onClick={p.uploading ? undefined : p.onPick} data-testid='pick-report'>
            <Text>{p.uploading ? '正在上传…' : p.draft.file ? '换一个文件' : '选择文件 ›'}</Text>
          </View>
        </Field>
        {p.error ? (
          <View className='jdq-banner jdq-banner--bad' data-testid='report-error'>
            <Text>{p.error}</Text>
          </View>
        ) : null}
        <BigButton onClick={p.onSave} loading={p.saving} testId='save-report'>
          {p.saving ? '正在保存…' : `归入 ${p.year} 年`}
        </BigButton>
      </Card>
      <Chips
        options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        value={String(p.year)}
        onChange={(y) => p.onYear(Number(y))}
        testId='report-year'
        bar
      />
      <ReportList {...p} />
    </View>
  )
}

function ReportList(p: ReportsViewProps) {
  if (!p.list.data) {
    if (p.list.error) return <ErrorView error={p.list.error} onRetry={p.onRetry} retrying={p.list.loading} />
    return <LoadingView />
  }
  if (p.list.data.items.length === 0) return <EmptyView title={`${p.year} 年还没有调研报告`} hint='写好的调研报告上传后会列在这里，您的管理员也能看到。' />
  return (
    <Card title={`${p.year} 年的调研报告`}>
      {p.list.data.items.map((r) => (
        <View key={r.id} className='jdq-row' data-testid='report'>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>{r.title}</Text>
          </View>
          <Text className='jdq-row__line'>
            {r.name} · {formatBytes(r.size)} · {visitTime(r.createdAt)}
          </Text>
          <View className='jdq-row__head'>
            <View className='jdq-link' onClick={() => p.onOpen(r)} data-testid='open-report'>
              <Text>{p.opening === r.id ? '正在打开…' : '打开 ›'}</Text>
            </View>
            <View className='jdq-link' onClick={() => p.onRemove(r)} data-testid='remove-report'>
              <Text>删除</Text>
            </View>
          </View>
        </View>
      ))}
    </Card>
  )
}
