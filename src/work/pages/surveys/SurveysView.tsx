import { Text, View } from '@tarojs/components'
import type { SurveySummary, SurveyTemplate } from '@/types/surveys'
import { surveyPurposes, surveyStatuses } from '@/types/surveys'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { EmptyView } from '@/src/components/StateViews'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import { dayText } from '../../format'

export type SurveysScope = 'mine' | 'unit'

export interface SurveysViewProps {
  scope: SurveysScope
  /** Managers may look at their unit's whole subtree. */
  canSeeUnit: boolean
  onScope: (s: SurveysScope) => void
  list: PagedState<SurveySummary>
  onRetry: () => void
  onMore: () => void
  onOpen: (s: SurveySummary) => void
  /** The template picker: null while closed. */
  templates: Pick<CloudState<{ items: SurveyTemplate[] }>, 'loading' | 'error' | 'data'> | null
  onNew: () => void
  onTemplate: (t: SurveyTemplate | null) => void
}

const tone = { draft: 'plain', open: 'ok', closed: 'wait' } as const

/** 调查问卷: my questionnaires (or the unit's), and a new one from a template or from scratch. */
export function SurveysView(p: SurveysViewProps) {
  const empty = <EmptyView title={p.scope === 'mine' ? '还没有问卷' : '本单位还没有问卷'} hint='点上面的“新建问卷”，从问需、问计、满意度模板开始。' />
  return (
    <View data-testid='surveys'>
      {p.canSeeUnit ? (
        <Chips
          options={[
            { value: 'mine', label: '我发起的' },
            { value: 'unit', label: '本单位及下级' }
          ]}
          value={p.scope}
          onChange={p.onScope}
          testId='scope'
          bar
        />
      ) : null}
      {p.templates ? (
        <Card title='从模板开始' testId='templates'>
          {p.templates.data ? (
            p.templates.data.items.map((t) => (
              <View key={t.id} className='jdq-row' data-testid={`template-${t.id}`} onClick={() => p.onTemplate(t)}>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{t.title}</Text>
                  <Text className='jdq-tag jdq-tag--plain'>{surveyPurposes[t.purpose]}</Text>
                </View>
                <Text className='jdq-row__line'>
                  {t.source === 'pushed' ? `${t.orgName}下发 · ` : ''}
                  {t.questions.length} 道题
                </Text>
              </View>
            ))
          ) : (
            <Text className='jdq-text'>{p.templates.error ? p.templates.error.message : '正在加载模板…'}</Text>
          )}
          <View className='jdq-row' data-testid='template-blank' onClick={() => p.onTemplate(null)}>
            <Text className='jdq-row__title'>空白问卷，自己出题</Text>
          </View>
        </Card>
      ) : (
        <View className='jdq-actions'>
          <BigButton onClick={p.onNew} testId='new-survey'>
            ＋ 新建问卷
          </BigButton>
        </View>
      )}
      {listState(p.list, p.onRetry, empty) ?? (
        <View>
          <RefreshError list={p.list} />
          <Card>
            {p.list.items.map((s) => (
              <View key={s.id} className='jdq-row' data-testid='survey-row' onClick={() => p.onOpen(s)}>
                <View className='jdq-row__head'>
                  <Text className='jdq-row__title'>{s.title}</Text>
                  <Text className={`jdq-tag jdq-tag--${tone[s.status]}`}>{surveyStatuses[s.status]}</Text>
                </View>
                <Text className='jdq-row__line'>
                  {surveyPurposes[s.purpose]} ·{' '}
                  {s.status === 'draft' ? `草稿（${dayText(s.createdAt)}）` : `已收 ${s.answers} 份${s.paper ? `（纸质 ${s.paper}）` : ''}`}
                </Text>
                {p.scope === 'unit' ? (
                  <Text className='jdq-row__line'>
                    {s.orgName} · {s.ownerName}
                  </Text>
                ) : null}
              </View>
            ))}
          </Card>
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
    </View>
  )
}
