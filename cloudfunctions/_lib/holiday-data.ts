/**
 * The State Council's 法定节假日 and 调休 schedules as the `chinese-days` package ships them (its JSON: date →
 * label). Only its data is taken, and only by the cloud functions: the mini-program never loads it.
 */
import data from 'chinese-days/dist/chinese-days.json'
import type { HolidayCalendar } from '@/types/rules/working-days'

const packaged = data as { holidays: Record<string, string>; workdays: Record<string, string> }

export const packageCalendar: HolidayCalendar = {
  holidays: new Set(Object.keys(packaged.holidays)),
  workdays: new Set(Object.keys(packaged.workdays))
}
