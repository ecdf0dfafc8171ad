import { Image, Text, View } from '@tarojs/components'
import type { Survey, SurveyQr, SurveyResults } from '@/types/surveys'
import { surveyPurposes, surveyStatuses } from '@/types/surveys'
import type { ExportJob } from '@/types/exports'
import { BigButton } from '@/src/components/BigButton'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { percent } from '../../format'
import './index.scss'

export interface TextsState {
  items: { text: string; paper: boolean }[]
  more: boolean
  loading: boolean
  error: string | null
}

export interface SurveyViewProps {
  survey: Pick<CloudState<Survey>, 'loading' | 'error' | 'data'>
  results: Pick<CloudState<SurveyResults>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  qr: Pick<CloudState<SurveyQr>, 'loading' | 'error' | 'data'> | null
  onQr: () => void
  onCopyLink: () => void
  onPaper: () => void
  onClose: () => void
  closing: boolean
  texts: Record<string, TextsState>
  onTexts: (questionId: string) => void
  onExport: () => void
  exportJob: ExportJob | null
  exporting: boolean
  onOpenFile: (job: ExportJob) => void
  error: string | null
}

/** A survey's page: live results per question (bars, percentages, texts), its code to show, paper entry, export. */
export function SurveyView(p: SurveyViewProps) {
  const s = p.survey.data
  if (!s) {
    if (p.survey.error) return <ErrorView error={p.survey.error} onRetry={p.onRetry} retrying={p.survey.loading} />
    return <LoadingView />
  }
  const r = p.results.data
  return (
    <View data-testid='survey'>
      <Card title={s.title} testId='survey-card'>
        <Text className='jdq-text'>
          {surveyPurposes[s.purpose]} · <Text data-testid='survey-status'>{surveyStatuses[s.status]}</Text>
          {s.closesOn ? ` · 截止 ${s.closesOn}` : ''}
        </Text>
        <Text className='jdq-text' data-testid='survey-count'>
          已收 {r?.total ?? s.answers} 份（群众扫码 {r?.resident ?? s.answers - s.paper}，纸质 {r?.paper ?? s.paper}）
        </Text>
        {!s.mine ? (
          <Text className='jdq-hint'>
            {s.orgName} · {s.ownerName} 发起
          </Text>
        ) : null}
      </Card>
      {s.mine && s.status === 'open' ? (
        <Card title='发给群众' testId='hand-out'>
          {p.qr?.data ? (
            <View className='sv-qr'>
              <Image className='sv-qr__img' src={p.qr.data.imageUrl} mode='aspectFit' data-testid='survey-qr' />
              <Text className='jdq-hint'>请群众用微信扫码填写，不用注册；每人只能填一次，不记名。</Text>
            </View>
          ) : p.qr?.error ? (
            <Text className='jdq-text'>{p.qr.error.message}</Text>
          ) : null}
          <BigButton onClick={p.onQr} loading={p.qr?.loading ?? false} testId='show-qr'>
            出示二维码
          </BigButton>
          <View className='jdq-gap' />
          <BigButton kind='plain' onClick={p.onCopyLink} testId='copy-link'>
            复制填写链接
          </BigButton>
        </Card>
      ) : null}
      <Card title='结果（实时）' testId='results'>
        {!r ? (
          <Text className='jdq-text'>{p.results.error ? p.results.error.message : '正在统计…'}</Text>
        ) : !r.shown ? (
          <Text className='jdq-text' data-testid='results-hidden'>
            收到 {r.minToShow} 份以上答卷后显示统计（答卷太少时，统计可能让人认出是谁填的）。
          </Text>
        ) : (
          r.questions.map((q, i) => (
            <View key={q.id} className='sv-result' data-testid={`result-${q.id}`}>
              <Text className='sv-result__q'>
                {i + 1}. {q.text}
              </Text>
              <Text className='jdq-hint'>
                {q.answered} 人作答{q.mean !== null ? `，平均 ${q.mean} 分` : ''}
              </Text>
              {q.kind === 'text' ? (
                <TextAnswers state={p.texts[q.id]} count={q.texts} onLoad={() => p.onTexts(q.id)} id={q.id} />
              ) : (
                q.options.map((o) => (
                  <View key={o.id} className='sv-bar' data-testid={`bar-${q.id}-${o.id}`}>
                    <Text className='sv-bar__label'>{q.kind === 'scale' ? `${o.label} 分` : o.label}</Text>
                    <View className='sv-bar__track'>
                      <View className='sv-bar__fill' style={{ width: `${Math.round((o.share ?? 0) * 100)}%` }} />
                    </View>
                    <Text className='sv-bar__n'>
                      {o.count}（{percent(o.share)}）
                    </Text>
                  </View>
                ))
              )}
            </View>
          ))
        )}
      </Card>
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='survey-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        {s.mine && s.status !== 'draft' ? (
          <BigButton kind='plain' onClick={p.onPaper} testId='open-paper'>
            录入纸质问卷
          </BigButton>
        ) : null}
        <View className='jdq-gap' />
        {r?.shown ? (
          <BigButton
            kind='plain'
            onClick={p.exportJob?.status === 'done' ? () => p.onOpenFile(p.exportJob!) : p.onExport}
            loading={p.exporting}
            testId='export-survey'
          >
            {p.exportJob?.status === 'done' ? '打开 Excel 表格' : '导出 Excel（统计和每份答卷）'}
          </BigButton>
        ) : null}
        <View className='jdq-gap' />
        {s.status === 'open' ? (
          <BigButton kind='plain' onClick={p.onClose} loading={p.closing} testId='close-survey'>
            结束收集
          </BigButton>
        ) : null}
      </View>
    </View>
  )
}

function TextAnswers({ state, count, onLoad, id }: { state: TextsState | undefined; count: number; onLoad: () => void; id: string }) {
  if (!state) {
    return count > 0 ? (
      <Text className='jdq-link' data-testid={`show-texts-${id}`} onClick={onLoad}>
        查看 {count} 条文字回答
      </Text>
    ) : null
  }
  return (
    <View data-testid={`texts-${id}`}>
      {state.items.map((t, k) => (
        <Text key={k} className='sv-text' data-testid='text-answer'>
          {t.text}
          {t.paper ? '（纸质）' : ''}
        </Text>
      ))}
      {state.error ? <Text className='jdq-text'>{state.error}</Text> : null}
      {state.more ? (
        <Text className='jdq-link' onClick={onLoad}>
          {state.loading ? '正在加载…' : '再看 20 条'}
        </Text>
      ) : null}
    </View>
  )
}
