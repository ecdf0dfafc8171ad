import { Text, View } from '@tarojs/components'
import type { Question, Survey } from '@/types/surveys'
import { BigButton } from '@/src/components/BigButton'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { AnswerForm } from '../../components/AnswerForm'
import type { Sheet } from '../../form'

export interface PaperViewProps {
  survey: Pick<CloudState<Survey>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  sheet: Sheet
  onPick: (q: Question, optionId: string) => void
  onScore: (q: Question, n: number) => void
  onWrite: (q: Question, text: string) => void
  onSave: () => void
  saving: boolean
  error: string | null
  /** Sheets keyed in on this page so far, and the survey's total after the last one. */
  entered: number
  total: number | null
}

/** 录入纸质问卷: one paper sheet at a time, as it was filled in; each saved sheet is marked 纸质 in the results. */
export function PaperView(p: PaperViewProps) {
  const s = p.survey.data
  if (!s) {
    if (p.survey.error) return <ErrorView error={p.survey.error} onRetry={p.onRetry} retrying={p.survey.loading} />
    return <LoadingView />
  }
  if (!s.mine || s.status === 'draft') {
    return (
      <Card title='不能录入' testId='paper-blocked'>
        <Text className='jdq-text'>{s.status === 'draft' ? '请先发布问卷，再录入纸质问卷。' : '只有问卷的发起人可以录入纸质问卷。'}</Text>
      </Card>
    )
  }
  return (
    <View data-testid='paper'>
      <Card title={`录入纸质问卷：${s.title}`} testId='paper-head'>
        <Text className='jdq-text'>照着收回的纸质问卷逐份录入，录入的答卷在统计和导出里标为“纸质”。不要录入填写人的姓名或电话。</Text>
        {p.entered > 0 ? (
          <Text className='jdq-text' data-testid='paper-count'>
            本次已录入 {p.entered} 份{p.total !== null ? `，问卷共 ${p.total} 份` : ''}
          </Text>
        ) : null}
      </Card>
      <AnswerForm questions={s.questions} sheet={p.sheet} lang='zh' onPick={p.onPick} onScore={p.onScore} onWrite={p.onWrite} />
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='paper-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onSave} loading={p.saving} testId='save-paper'>
          保存这一份，录下一份
        </BigButton>
      </View>
    </View>
  )
}
