import { CONFIRM_WINDOW_HOURS } from '@/types/rules/cadre-periods'
import { Text, View } from '@tarojs/components'
import type { Household } from '@/types/households'
import type { RaisedProblem, VisitDetail } from '@/types/visits'
import { problemHandlingLabels, demandStatusLabels, demandAreas, fiveMustVisit, fourInto, workMethods } from '@/types/labels'
import { formatDistance } from '@/types/rules/geo'
import { flagLabels } from '@/types/rules/check-in'
import { BigButton } from '@/src/components/BigButton'
import { Chips, optionsOf } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { statusTag, visitTime } from '../../format'
import type { ProblemDraft, RecordErrors, RecordForm } from './record-form'
import './index.scss'

export interface HouseholdPick {
  loading: boolean
  error: string | null
  items: Household[] | null
}

export interface VisitViewProps {
  visit: Pick<CloudState<VisitDetail>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  /** null: the record cannot be edited any more (read-only). */
  form: RecordForm | null
  onForm: (update: (f: RecordForm) => RecordForm) => void
  households: HouseholdPick
  onLoadHouseholds: () => void
  saving: boolean
  /** A line under the form: the server's refusal, or how many fields to fix. */
  saveError: string | null
  /** What to fix, at each field. */
  errors?: RecordErrors
  saved: boolean
  onSave: () => void
  /** The check-in itself is still on the phone, waiting for signal (no QR, no ledger yet). */
  queued?: boolean
  /** The record is saved on the phone and will be sent with signal. */
  recordQueued?: boolean
  /** 出示评价二维码: the resident scans it to rate this visit or report a problem. */
  onShowQr?: () => void
  /** A problem raised on the visit opens its entry in the 办实事 ledger (the demand page). */
  onOpenDemand?: (demandId: string) => void
}

const categoryOptions = optionsOf(fourInto.labels)
const methodOptions = optionsOf(workMethods.labels)
const areaOptions = optionsOf(demandAreas.labels)
const handlingOptions = optionsOf(problemHandlingLabels)

/** One visit: what was checked, and the record of the visit (四进, 方式, 三问, people, households, problems). */
export function VisitView(p: VisitViewProps) {
  if (!p.visit.data) {
    if (p.visit.error) return <ErrorView error={p.visit.error} onRetry={p.onRetry} retrying={p.visit.loading} />
    return <LoadingView />
  }
  const v = p.visit.data
  const tag = p.queued ? { tone: 'wait', label: '待上传' } : statusTag[v.status]
  return (
    <View data-testid='visit-detail'>
      <Card title={v.pointName}>
        <View className='jdq-row__head'>
          <Text className='jdq-row__line'>{visitTime(v.visitedAt)}</Text>
          <View>
            {v.offline && !p.queued ? <Text className='jdq-tag jdq-tag--plain'>离线补传</Text> : null}
            <Text className={`jdq-tag jdq-tag--${tag.tone}`} data-testid='tag-status'>
              {tag.label}
            </Text>
          </View>
        </View>
        {p.queued ? (
          <Text className='jdq-row__line' data-testid='visit-queued'>
            这次打卡保存在手机上，有信号时自动上传；走访记录可以先写，会在打卡之后上传。
          </Text>
        ) : (
          <Text className='jdq-row__line'>
            打卡位置离联系点 {formatDistance(v.distanceM)}（定位误差约 {Math.round(v.accuracyM)} 米）
          </Text>
        )}
        {v.reason ? <Text className='jdq-row__line'>外勤说明：{v.reason}</Text> : null}
        {v.note ? <Text className='jdq-row__line'>备注：{v.note}</Text> : null}
        {v.review ? (
          <Text className='jdq-row__line'>
            审核：{v.review.decision === 'approve' ? '通过' : '未通过'}（{v.review.byName}）{v.review.note ? `：${v.review.note}` : ''}
          </Text>
        ) : null}
        {v.flags.map((f) => (
          <Text key={f} className='jdq-row__line'>
            提示：{flagLabels[f]}
          </Text>
        ))}
      </Card>
      {p.onShowQr && !p.queued && v.status !== 'rejected' ? (
        <View className='jdq-state__action'>
          {v.status === 'pending' && !v.inside ? (
            <Text className='jdq-hint' data-testid='confirm-hint'>
              联系点不在这里（牧区、流动点常有）：请在场的群众扫码确认您来过，{CONFIRM_WINDOW_HOURS} 小时内确认就计入下基层天数，不用等审核。
            </Text>
          ) : null}
          <BigButton kind='plain' onClick={p.onShowQr} testId='show-qr'>
            {v.status === 'pending' && !v.inside ? '出示二维码，请群众确认和评价' : '出示二维码，请群众评价'}
          </BigButton>
        </View>
      ) : null}
      {v.record && v.record.problems.length > 0 ? <RaisedProblems problems={v.record.problems} onOpen={p.onOpenDemand} /> : null}
      {p.form ? <RecordEditor {...p} form={p.form} /> : <RecordReadOnly visit={v} />}
    </View>
  )
}

/** The problems raised on this visit as saved, each with its ledger entry's state now and a way to it. */
function RaisedProblems({ problems, onOpen }: { problems: RaisedProblem[]; onOpen?: (demandId: string) => void }) {
  return (
    <Card title='反映的问题和办理情况' testId='raised-problems'>
      {problems.map((pr, i) => {
        const inLedger = Boolean(pr.ledger) && onOpen !== undefined
        return (
          <View key={pr.id} className='jdq-row' data-testid='raised-problem' onClick={inLedger ? () => onOpen?.(pr.id) : undefined}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>
                问题 {i + 1} · {demandAreas.labels[pr.area]}
              </Text>
              {pr.ledger ? (
                <View>
                  {pr.ledger.overdue ? (
                    <Text className='jdq-tag jdq-tag--bad' data-testid='tag-overdue'>
                      超期
                    </Text>
                  ) : null}
                  <Text className='jdq-tag jdq-tag--plain' data-testid='problem-status'>
                    {demandStatusLabels[pr.ledger.status]}
                  </Text>
                </View>
              ) : null}
            </View>
            <Text className='jdq-row__line'>{pr.text}</Text>
            <Text className='jdq-row__line'>走访时拟：{problemHandlingLabels[pr.handling]}</Text>
            {inLedger ? (
              <View className='jdq-link' data-testid='open-demand'>
                <Text>查看办理过程 ›</Text>
              </View>
            ) : pr.ledger === null ? (
              <Text className='jdq-row__line'>这个问题没有进入诉求台账。</Text>
            ) : null}
          </View>
        )
      })}
    </Card>
  )
}

function RecordReadOnly({ visit: v }: { visit: VisitDetail }) {
  const r = v.record
  return (
    <Card title='走访记录' testId='record-readonly'>
      <Text className='jdq-text'>打卡 7 天后记录不能再修改。</Text>
      {r ? (
        <>
          <Text className='jdq-row__line'>
            四进：{fourInto.labels[r.category]} · 方式：{workMethods.labels[r.method]}
          </Text>
          {r.policy ? <Text className='jdq-row__line'>问政：{r.policy}</Text> : null}
          {r.needs ? <Text className='jdq-row__line'>问需：{r.needs}</Text> : null}
          {r.advice ? <Text className='jdq-row__line'>问计：{r.advice}</Text> : null}
          <Text className='jdq-row__line'>
            见到 {r.peopleMet.count} 人{r.peopleMet.text ? `：${r.peopleMet.text}` : ''}
          </Text>
          {r.problems.length > 0 ? <Text className='jdq-row__line'>反映的问题 {r.problems.length} 个，见上面的办理情况。</Text> : null}
        </>
      ) : (
        <Text className='jdq-row__line'>这次走访没有填写记录。</Text>
      )}
    </Card>
  )
}

function RecordEditor(p: VisitViewProps & { form: RecordForm }) {
  const { form, onForm } = p
  const set =
    <K extends keyof RecordForm>(key: K) =>
    (value: RecordForm[K]) =>
      onForm((f) => ({ ...f, [key]: value }))
  const setProblem = (i: number, patch: Partial<ProblemDraft>) =>
    onForm((f) => ({ ...f, problems: f.problems.map((x, j) => (j === i ? { ...x, ...patch } : x)) }))
  const toggleHousehold = (id: string) =>
    onForm((f) => ({ ...f, householdIds: f.householdIds.includes(id) ? f.householdIds.filter((x) => x !== id) : [...f.householdIds, id] }))
  return (
    <View data-testid='record-form'>
      <Card title='走访记录'>
        <Text className='jdq-text'>打卡后 7 天内可以填写和修改。</Text>
        <View className='jdq-gap' />
        <Field label='四进类别'>
          <Chips options={categoryOptions} value={form.category} onChange={set('category')} testId='category' />
        </Field>
        <Field label='工作方式' error={p.errors?.method} testId='method-field'>
          <Chips options={methodOptions} value={form.method} onChange={set('method')} testId='method' />
        </Field>
      </Card>
      <Card title='三问'>
        <Field label='问政：讲了哪些政策'>
          <TextArea value={form.policy} onChange={set('policy')} maxlength={1000} testId='policy' />
        </Field>
        <Field label='问需：听到哪些需求'>
          <TextArea value={form.needs} onChange={set('needs')} maxlength={1000} testId='needs' />
        </Field>
        <Field label='问计：收到哪些建议'>
          <TextArea value={form.advice} onChange={set('advice')} maxlength={1000} testId='advice' />
        </Field>
      </Card>
      <Card title='见到的人'>
        <Field label='人数' error={p.errors?.peopleCount} testId='people-count-field'>
          <TextInput value={form.peopleCount} onChange={set('peopleCount')} type='number' maxlength={5} placeholder='例如 5' testId='people-count' />
        </Field>
        <Field label='是哪些人（可不填）'>
          <TextInput value={form.peopleText} onChange={set('peopleText')} maxlength={200} placeholder='例如：社区书记、两户居民' testId='people-text' />
        </Field>
      </Card>
      <Card title='走访的五必访户' testId='record-households'>
        {form.householdIds.length > 0 ? <Text className='jdq-text'>已选 {form.householdIds.length} 户</Text> : null}
        {p.households.items === null ? (
          p.households.loading ? (
            <Text className='jdq-text'>正在加载五必访户…</Text>
          ) : (
            <View>
              {p.households.error ? <Text className='jdq-text'>{p.households.error}</Text> : null}
              <View className='jdq-link' onClick={p.onLoadHouseholds} data-testid='pick-households'>
                <Text>{p.households.error ? '再试一次' : '选择这次走访的五必访户 ›'}</Text>
              </View>
            </View>
          )
        ) : p.households.items.length === 0 ? (
          <Text className='jdq-text'>还没有登记五必访户，可在“五必访”里添加。</Text>
        ) : (
          p.households.items.map((h) => {
            const on = form.householdIds.includes(h.id)
            return (
              <View
                key={h.id}
                className={`visit-pick${on ? ' visit-pick--on' : ''}`}
                data-testid='household-option'
                data-selected={on ? 'true' : 'false'}
                onClick={() => toggleHousehold(h.id)}
              >
                <Text className='visit-pick__box'>{on ? '✓' : ''}</Text>
                <Text>
                  {h.displayName} · {fiveMustVisit.labels[h.kind]}
                </Text>
              </View>
            )
          })
        )}
      </Card>
      <Card title='群众反映的问题' testId='record-problems'>
        {form.problems.map((pr, i) => (
          <View key={i} className='visit-problem' data-testid='problem'>
            <Field label={`问题 ${i + 1}：方面`}>
              <Chips options={areaOptions} value={pr.area} onChange={(area) => setProblem(i, { area })} testId={`problem-${i}-area`} />
            </Field>
            <Field label='问题内容' error={p.errors?.problems?.[i]} testId={`problem-${i}-text-field`}>
              <TextArea value={pr.text} onChange={(text) => setProblem(i, { text })} maxlength={500} testId={`problem-${i}-text`} />
            </Field>
            <Field label='怎么办' hint='能解决的立即解决；需要其他部门的协调解决；暂时解决不了的上报反映，并向群众解释'>
              <Chips options={handlingOptions} value={pr.handling} onChange={(handling) => setProblem(i, { handling })} testId={`problem-${i}-handling`} />
            </Field>
            <View className='jdq-link' onClick={() => onForm((f) => ({ ...f, problems: f.problems.filter((_, j) => j !== i) }))} data-testid='remove-problem'>
              <Text>删除这个问题</Text>
            </View>
          </View>
        ))}
        {form.problems.length < 10 ? (
          <View
            className='jdq-link'
            onClick={() => onForm((f) => ({ ...f, problems: [...f.problems, { area: 'living', text: '', handling: 'immediate' }] }))}
            data-testid='add-problem'
          >
            <Text>＋ 添加一个问题</Text>
          </View>
        ) : null}
      </Card>
      {p.saveError ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='save-error'>
          <Text>{p.saveError}</Text>
        </View>
      ) : null}
      {p.saved ? (
        <View className='jdq-banner jdq-banner--ok' data-testid='saved'>
          <Text>走访记录已保存</Text>
        </View>
      ) : null}
      {p.recordQueued ? (
        <View className='jdq-banner jdq-banner--warn' data-testid='record-queued'>
          <Text>走访记录已保存在手机上，有信号时自动上传（可在首页“待上传”里查看）。</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onSave} loading={p.saving} testId='save-record'>
          {p.saving ? '正在保存…' : '保存走访记录'}
        </BigButton>
      </View>
    </View>
  )
}
