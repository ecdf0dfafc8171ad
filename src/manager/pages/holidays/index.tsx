import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { beijingYear } from '@/types/rules/beijing-time'
import { rangesInput } from '@/types/rules/holiday-schedule'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { HolidaysView, draftSchedule, type HolidayDraft } from './HolidaysView'

/** 法定节假日安排. On open and on a year change: `orgs.holidays`; the province admin's save: `orgs.loadHolidays`. */
export default function HolidaysPage() {
  const thisYear = beijingYear(new Date())
  const [year, setYear] = useState(thisYear + 1)
  const schedule = useCloud(() => callCloud('orgs', 'holidays', { year }), [year])
  const [draft, setDraft] = useState<HolidayDraft | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (!draft || saving) return
    const checked = draftSchedule(year, draft)
    if (!checked.ok) return setDraft({ ...draft, error: checked.message })
    setSaving(true)
    try {
      await callCloud('orgs', 'loadHolidays', {
        year,
        holidays: checked.holidays,
        workdays: checked.workdays,
        ...(draft.note.trim() ? { note: draft.note.trim() } : {})
      })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      setDraft(null)
      await schedule.reload()
    } catch (err) {
      setDraft({ ...draft, error: toCloudError(err).message })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <HolidaysView
        schedule={schedule}
        onRetry={() => void schedule.reload()}
        years={[thisYear, thisYear + 1]}
        year={year}
        onYear={(y) => {
          setDraft(null)
          setYear(y)
        }}
        draft={draft}
        onEdit={() =>
          schedule.data && setDraft({ holidays: rangesInput(schedule.data.holidays), workdays: schedule.data.workdays.join('\n'), note: '', error: null })
        }
        onDraft={(u) => setDraft((d) => (d ? u(d) : d))}
        onSave={() => void save()}
        onCancel={() => setDraft(null)}
        saving={saving}
      />
    </View>
  )
}
