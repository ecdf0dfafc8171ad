import { Text, View } from '@tarojs/components'
import type { HolidayYear } from '@/types/api/orgs'
import { checkSchedule, parseDates, rangeText, rangesOf } from '@/types/rules/holiday-schedule'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { beijing } from '@/types/rules/beijing-time'

export interface HolidayDraft {
  holidays: string
  workdays: string
  note: string
  error: string | null
}

export interface HolidaysViewProps {
  schedule: CloudState<HolidayYear>
  onRetry: () => void
  years: number[]
  year: number
  onYear: (y: number) => void
  /** The province admin's form (null until they tap 录入). */
  draft: HolidayDraft | null
  onEdit: () => void
  onDraft: (update: (d: HolidayDraft) => HolidayDraft) => void
  onSave: () => void
  onCancel: () => void
  saving: boolean
}

/** What the admin typed, read and checked as the server will; the dates to send, or the first problem. */
export function draftSchedule(year: number, d: HolidayDraft): { ok: true; holidays: string[]; workdays: string[] } | { ok: false; message: string } {
  const holidays = parseDates(d.holidays)
  if (!holidays.ok) return { ok: false, message: `放假日期：${holidays.message}` }
  const workdays = parseDates(d.workdays)
  if (!workdays.ok) return { ok: false, message: `调休上班日期：${workdays.message}` }
  const problem = checkSchedule({ year, holidays: holidays.dates, workdays: workdays.dates })
  return problem ? { ok: false, message: problem } : { ok: true, holidays: holidays.dates, workdays: workdays.dates }
}

const sourceText = (s: HolidayYear) =>
  s.source === 'loaded'
    ? `省活动办录入（${s.loaded!.byName}，${beijing(s.loaded!.at).format('M月D日 HH:mm')}）${s.loaded!.note ? `：${s.loaded!.note}` : ''}`
    : s.source === 'package'
      ? '内置的国务院放假安排'
      : '还没有这一年的安排：现在只按周末计算工作日'

/**
 * 法定节假日安排: a year's days off and 调休 working days as every working-day deadline and reminder counts them, where
 * they come from, and for the province admin a form to load a new year's schedule as the State Council published it.
 */
export function HolidaysView(p: HolidaysViewProps) {
  return (
    <View data-testid='holidays'>
      <Chips
        options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        value={String(p.year)}
        onChange={(y) => p.onYear(Number(y))}
        testId='year'
        bar
      />
      <Schedule {...p} />
    </View>
  )
}

function Schedule(p: HolidaysViewProps) {
  const s = p.schedule.data
  if (!s) {
    if (p.schedule.error) return <ErrorView error={p.schedule.error} onRetry={p.onRetry} retrying={p.schedule.loading} />
    return <LoadingView />
  }
  return (
    <View>
      <Card title={`${s.year} 年放假安排`} testId='schedule'>
        <Text className={`jdq-row__line${s.source === 'none' ? ' jdq-field__error' : ''}`} data-testid='schedule-source'>
          来源：{sourceText(s)}
        </Text>
        <Text className='jdq-row__title'>放假</Text>
        {s.holidays.length ? (
          rangesOf(s.holidays).map((r) => (
            <Text className='jdq-row__line' key={r.from} data-testid='holiday-range'>
              {rangeText(r)}
            </Text>
          ))
        ) : (
          <Text className='jdq-row__line'>（无）</Text>
        )}
        <Text className='jdq-row__title'>调休上班</Text>
        <Text className='jdq-row__line' data-testid='workdays'>
          {s.workdays.length ? s.workdays.map((d) => rangeText({ from: d, to: d })).join('、') : '（无）'}
        </Text>
      </Card>
      {s.canLoad ? <LoadForm {...p} /> : null}
    </View>
  )
}

function LoadForm(p: HolidaysViewProps) {
  const d = p.draft
  if (!d) {
    return (
      <View className='jdq-state__action'>
        <BigButton kind='plain' onClick={p.onEdit} testId='edit-schedule'>
          录入或修改 {p.year} 年的放假安排
        </BigButton>
      </View>
    )
  }
  return (
    <Card title={`录入 ${p.year} 年的放假安排`} testId='schedule-form'>
      <Field label='放假日期' hint='按国务院办公厅通知填写，每行一段，如 2027-10-01~2027-10-07；周末也算在放假里的照写'>
        <TextArea value={d.holidays} onChange={(v) => p.onDraft((x) => ({ ...x, holidays: v, error: null }))} maxlength={2000} testId='holidays-text' />
      </Field>
      <Field label='调休上班日期' hint='需要上班的周六、周日，每行一个，如 2027-09-26'>
        <TextArea value={d.workdays} onChange={(v) => p.onDraft((x) => ({ ...x, workdays: v, error: null }))} maxlength={500} testId='workdays-text' />
      </Field>
      <Field label='说明（可选）' hint='如通知的文号'>
        <TextInput value={d.note} onChange={(v) => p.onDraft((x) => ({ ...x, note: v }))} maxlength={100} testId='note' />
      </Field>
      {d.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='schedule-error'>
          <Text>{d.error}</Text>
        </View>
      ) : null}
      <Text className='jdq-row__line'>保存后，新的办理时限、差评回访和整改期限、提醒都按这份安排计算；已经定下的期限不变。</Text>
      <BigButton onClick={p.onSave} loading={p.saving} testId='save-schedule'>
        保存
      </BigButton>
      <BigButton kind='plain' onClick={p.onCancel} testId='cancel-schedule'>
        取消
      </BigButton>
    </Card>
  )
}
