import { Text, View } from '@tarojs/components'
import type { FiveMustVisit } from '@/types/enums'
import { fiveMustVisit } from '@/types/labels'
import type { Household } from '@/types/households'
import type { FourHundred } from '@/types/household-book'
import { fourHundredKeys, fourHundredLabels, targetCount } from '@/types/rules/four-hundred'
import { BigButton } from '@/src/components/BigButton'
import { Chips, optionsOf, type ChipOption } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { ListFooter, RefreshError } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import { dateText } from '../../format'
import './index.scss'

export interface CoverageData {
  year: number
  total: number
  entered: number
  neverVisited: number
}

export interface HouseholdDraft {
  kind: FiveMustVisit | null
  displayName: string
  area: string
}

export interface HouseholdsViewProps {
  coverage: Pick<CloudState<CoverageData>, 'loading' | 'error' | 'data'>
  list: PagedState<Household>
  kind: FiveMustVisit | 'all'
  onKind: (kind: FiveMustVisit | 'all') => void
  onRetry: () => void
  onMore: () => void
  /** null: the add form is closed. */
  draft: HouseholdDraft | null
  onDraft: (draft: HouseholdDraft | null) => void
  adding: boolean
  addError: string | null
  onAdd: () => void
  /** 一户一册: a household's book. */
  onOpenBook?: (h: Household) => void
  /** 四个百家 this year, with the 制度's targets (absent: not shown). */
  four?: Pick<CloudState<FourHundred>, 'loading' | 'error' | 'data'>
}

const kindFilter: ChipOption<FiveMustVisit | 'all'>[] = [{ value: 'all', label: '全部' }, ...optionsOf(fiveMustVisit.labels)]
const kindOptions = optionsOf(fiveMustVisit.labels)

export const emptyDraft = (): HouseholdDraft => ({ kind: null, displayName: '', area: '' })

/** What is wrong with a new household, in words (null: ready to send). */
export function draftProblem(d: HouseholdDraft): string | null {
  if (!d.kind) return '请选择类别'
  if (!d.displayName.trim()) return '请填写户的称呼'
  if (d.displayName.trim().length > 20) return '称呼最多 20 个字'
  if (!d.area.trim()) return '请填写所在片区或地址'
  return null
}

/** 五必访: coverage figures, the registry by kind, and a form to add a household with minimal personal data. */
export function HouseholdsView(p: HouseholdsViewProps) {
  return (
    <View data-testid='households'>
      <CoverageCard coverage={p.coverage} />
      {p.four ? <FourCard four={p.four} /> : null}
      <View className='hh-filter'>
        <Chips options={kindFilter} value={p.kind} onChange={p.onKind} testId='kind' />
      </View>
      {p.draft ? (
        <AddForm {...p} draft={p.draft} />
      ) : (
        <View className='jdq-actions'>
          <BigButton kind='plain' onClick={() => p.onDraft(emptyDraft())} testId='open-add'>
            ＋ 登记一户
          </BigButton>
        </View>
      )}
      <List {...p} />
    </View>
  )
}

function CoverageCard({ coverage }: Pick<HouseholdsViewProps, 'coverage'>) {
  const c = coverage.data
  return (
    <Card title={c ? `${c.year} 年走访情况` : '走访情况'} testId='coverage'>
      {c ? (
        <View className='hh-figures'>
          <Figure n={c.total} label='登记户数' testId='cov-total' />
          <Figure n={c.entered} label='已走访' testId='cov-entered' />
          <Figure n={c.neverVisited} label='从未走访' testId='cov-never' warn={c.neverVisited > 0} />
        </View>
      ) : coverage.error ? (
        <Text className='jdq-text'>没能加载走访情况：{coverage.error.message}</Text>
      ) : (
        <Text className='jdq-text'>正在加载…</Text>
      )}
    </Card>
  )
}

function FourCard({ four }: { four: NonNullable<HouseholdsViewProps['four']> }) {
  const f = four.data
  return (
    <Card title={f ? `四个百家（${f.year} 年）` : '四个百家'} testId='four-hundred'>
      {f ? (
        <View className='hh-figures'>
          {fourHundredKeys.map((k) => (
            <Figure key={k} n={f[k]} label={`${fourHundredLabels[k]}（目标 ${targetCount(f.households, f.targets[k])}）`} testId={`four-${k}`} />
          ))}
        </View>
      ) : (
        <Text className='jdq-text'>{four.error ? `没能加载：${four.error.message}` : '正在加载…'}</Text>
      )}
      <Text className='jdq-hint'>点一户，进入一户一册：家庭情况、慰问帮扶、走访和诉求。</Text>
    </Card>
  )
}

function Figure({ n, label, testId, warn = false }: { n: number; label: string; testId: string; warn?: boolean }) {
  return (
    <View className='hh-figure'>
      <Text className={`hh-figure__n${warn ? ' hh-figure__n--warn' : ''}`} data-testid={testId}>
        {n}
      </Text>
      <Text className='hh-figure__label'>{label}</Text>
    </View>
  )
}

function List(p: HouseholdsViewProps) {
  const { list } = p
  if (!list.loaded || (list.loading && list.items.length === 0)) {
    if (list.error) return <ErrorView error={list.error} onRetry={p.onRetry} retrying={list.loading} />
    return <LoadingView />
  }
  if (list.items.length === 0) {
    return <EmptyView title={p.kind === 'all' ? '还没有登记五必访户' : `还没有登记${fiveMustVisit.labels[p.kind]}`} hint='点上面的“登记一户”添加。' />
  }
  return (
    <View>
      <RefreshError list={list} />
      <Card>
        {list.items.map((h) => (
          <View key={h.id} className='jdq-row' data-testid='household' onClick={() => p.onOpenBook?.(h)}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{h.displayName}</Text>
              <Text className='jdq-tag jdq-tag--plain'>{fiveMustVisit.labels[h.kind]}</Text>
            </View>
            <Text className='jdq-row__line'>{h.area}</Text>
            {h.neverVisited ? (
              <Text className='jdq-row__line hh-never' data-testid='never-visited'>
                从未走访
              </Text>
            ) : (
              <Text className='jdq-row__line'>
                今年走访 {h.visitsThisYear} 次{h.lastVisitAt ? `，最近一次 ${dateText(h.lastVisitAt)}` : ''}
              </Text>
            )}
          </View>
        ))}
      </Card>
      <ListFooter list={list} onMore={p.onMore} />
    </View>
  )
}

function AddForm(p: HouseholdsViewProps & { draft: HouseholdDraft }) {
  const d = p.draft
  return (
    <Card title='登记五必访户' testId='add-form'>
      <Text className='hh-privacy' data-testid='privacy-note'>
        只登记最少的信息：一个称呼和所在片区，不要填身份证号、电话、病情等个人信息。只有您和您的管理员能看到。
      </Text>
      <Field label='类别'>
        <Chips options={kindOptions} value={d.kind} onChange={(kind) => p.onDraft({ ...d, kind })} testId='add-kind' />
      </Field>
      <Field label='称呼' hint='例如：王**家、3 组李大爷'>
        <TextInput value={d.displayName} onChange={(displayName) => p.onDraft({ ...d, displayName })} maxlength={20} testId='add-name' />
      </Field>
      <Field label='所在片区或地址'>
        <TextInput value={d.area} onChange={(area) => p.onDraft({ ...d, area })} maxlength={100} placeholder='例如：东关村 3 组' testId='add-area' />
      </Field>
      {p.addError ? (
        <Text className='jdq-field__error' data-testid='add-error'>
          {p.addError}
        </Text>
      ) : null}
      <BigButton onClick={p.onAdd} loading={p.adding} testId='submit-add'>
        保存
      </BigButton>
      <View className='jdq-gap' />
      <BigButton kind='plain' onClick={() => p.onDraft(null)} testId='cancel-add'>
        取消
      </BigButton>
    </Card>
  )
}
