import { readFileSync } from 'node:fs'
import { previousMonth } from '@/types/outcomes'
import { beijingMonth } from '@/types/rules/beijing-time'
import path from 'node:path'
import { checkMessageData, fieldKind } from '@/types/rules/subscribe-fields'
import { reminderSamples } from '@/types/reminder-samples'
import {
  checkRendered,
  fitName,
  isoWeek,
  isQuietHour,
  kinds,
  periodKey,
  quietUntil,
  reminderKey,
  reminderKinds,
  render,
  templateId,
  templateKeyOf,
  templates,
  templatesToAsk,
  type KindFacts,
  type ReminderKind
} from '@/types/reminders'

describe('reminder templates as configuration', () => {
  it('declares only field keys WeChat knows', () => {
    for (const t of Object.values(templates)) for (const key of Object.keys(t.fields)) expect(fieldKind(key)).not.toBeNull()
  })

  it.each(reminderKinds.map((k) => [k]))('%s: every sample, long user text included, fits its template and the field rules', (kind) => {
    expect(reminderSamples[kind as ReminderKind].length).toBeGreaterThanOrEqual(2)
    for (const facts of reminderSamples[kind as ReminderKind]) {
      const r = render(kind as ReminderKind, facts as KindFacts[ReminderKind])
      expect(checkRendered(kind as ReminderKind, r)).toBeNull()
      expect(checkMessageData(r.data)).toBeNull()
      expect(r.page).not.toMatch(/^\//)
      expect(r.title.length).toBeGreaterThan(0)
    }
  })

  it('truncates user text with an ellipsis instead of letting WeChat refuse it', () => {
    const r = render('demandDue', reminderSamples.demandDue[1])
    expect([...r.data.thing1.value]).toHaveLength(20)
    expect(r.data.thing1.value.endsWith('…')).toBe(true)
    expect(r.data.time2.value).toBe('2026年12月31日 23:59')
  })

  it('keeps the `name` field: WeChat takes a name with a middle dot as a Chinese name of up to 10 characters', () => {
    // WeChat's rule: 10 个以内纯汉字或 20 个以内纯字母或符号；中文和字母混合按中文名算，10 个字内.
    expect(fitName('欧阳娜娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜')
    expect(checkRendered('pace', render('pace', { cadreName: '阿依古丽·买买提', days: 1, expected: 30, target: 90 }))).toBeNull()
    expect(checkRendered('pace', render('pace', { cadreName: 'Zhuoma Tsering', days: 1, expected: 30, target: 90 }))).toBeNull()
    // Longer than 10 with the dot: never cut (a cut name is a wrong name); refused before WeChat, kept in the app.
    expect(fitName('阿依古丽·买买提·艾力')).toBe('阿依古丽·买买提·艾力')
    expect(checkRendered('pace', render('pace', { cadreName: '阿依古丽·买买提·艾力', days: 1, expected: 30, target: 90 }))).toMatch(/name1/)
  })

  it('opens pages that exist in app.config.ts, with the query each page reads', () => {
    const config = readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8')
    const pages = new Set<string>()
    for (const m of config.matchAll(/pages:\s*\[([^\]]*)\]/g)) {
      const root = config.slice(0, m.index).match(/root:\s*'([^']+)'[^{]*$/)?.[1]
      for (const p of m[1].matchAll(/'([^']+)'/g)) pages.add(root ? `${root}/${p[1]}` : p[1])
    }
    expect(pages.has('cadre/pages/demand/index')).toBe(true)
    for (const kind of reminderKinds) {
      for (const facts of reminderSamples[kind]) {
        const page = render(kind, facts as KindFacts[typeof kind]).page
        expect(pages).toContain(page.split('?')[0])
      }
    }
    expect(render('demandDue', reminderSamples.demandDue[0]).page).toBe('cadre/pages/demand/index?id=d1')
    expect(render('demandOverdue', reminderSamples.demandOverdue[0]).page).toBe('cadre/pages/demand/index?id=d1')
    expect(render('demandOverdue', reminderSamples.demandOverdue[1]).page).toBe('manager/pages/cases/index?tab=overdue')
    expect(render('badReviewFollowUp', reminderSamples.badReviewFollowUp[0]).page).toBe('manager/pages/cases/index?tab=cases')
    expect(render('demandDone', reminderSamples.demandDone[0]).page).toBe('pages/rate/index?scene=Pab12cd34ef')
  })

  it('notices a rendered message whose fields do not match the template', () => {
    const r = render('pace', reminderSamples.pace[0])
    expect(checkRendered('pace', { ...r, data: { ...r.data, thing9: { value: 'x' } } })).toMatch(/字段与模板不一致/)
  })

  it('asks at most 3 templates, only for kinds that are fed, and maps ids back', () => {
    expect(templatesToAsk('cadre')).toEqual(['progress', 'todo'])
    expect(templatesToAsk('manager')).toEqual(['todo', 'summary'])
    expect(templatesToAsk('resident')).toEqual(['rateInvite'])
    expect(kinds.rateInvite.available).toBe(false) // the invitation after a visit is not fed yet
    for (const k of Object.keys(templates) as (keyof typeof templates)[]) expect(templateKeyOf(templateId(k))).toBe(k)
    expect(templateKeyOf('nope')).toBeNull()
  })
})

describe('periods and quiet hours in Beijing time', () => {
  it('keys a week by the Beijing ISO week, across the UTC date line', () => {
    // Sunday 23:30 UTC is Monday 07:30 in Beijing: already the next week.
    expect(isoWeek('2026-03-01T15:59:00Z')).toBe('2026-W09') // Sun 23:59 Beijing
    expect(isoWeek('2026-03-01T16:00:00Z')).toBe('2026-W10') // Mon 00:00 Beijing
    expect(isoWeek('2026-01-01T00:00:00Z')).toBe('2026-W01')
    expect(isoWeek('2027-01-01T04:00:00Z')).toBe('2026-W53')
    expect(isoWeek('2024-12-30T04:00:00Z')).toBe('2025-W01')
    expect(periodKey('month', '2026-02-28T16:30:00Z')).toBe('2026-03')
    expect(periodKey('day', '2026-02-28T16:30:00Z')).toBe('2026-03-01')
    expect(periodKey('once', '2026-02-28T16:30:00Z')).toBe('once')
    // A summary sent in a month's first days is about the month before, in Beijing time.
    const lastMonth = (instant: string) => previousMonth(beijingMonth(instant))
    expect(lastMonth('2026-03-01T01:00:00Z')).toBe('2026-02')
    expect(lastMonth('2026-01-03T01:00:00Z')).toBe('2025-12')
    expect(lastMonth('2026-02-28T17:00:00Z')).toBe('2026-02')
  })

  it('is quiet 22:00–08:00 Beijing, which straddles midnight UTC', () => {
    expect(isQuietHour('2026-03-02T13:59:00Z')).toBe(false) // 21:59
    expect(isQuietHour('2026-03-02T14:00:00Z')).toBe(true) // 22:00
    expect(isQuietHour('2026-03-02T16:30:00Z')).toBe(true) // 00:30 next day
    expect(isQuietHour('2026-03-02T23:59:00Z')).toBe(true) // 07:59 on 3 March
    expect(isQuietHour('2026-03-03T00:00:00Z')).toBe(false) // 08:00 on 3 March
    expect(quietUntil('2026-03-02T14:30:00Z').toISOString()).toBe('2026-03-03T00:00:00.000Z')
    expect(quietUntil('2026-03-02T23:30:00Z').toISOString()).toBe('2026-03-03T00:00:00.000Z')
    expect(quietUntil('2026-03-02T03:00:00Z').toISOString()).toBe('2026-03-02T03:00:00.000Z')
  })

  it('builds one key per user, kind, subject and period', () => {
    expect(reminderKey('o1', 'pace', '2026', '2026-W10')).toBe('pace:o1:2026:2026-W10')
    expect(reminderKey('o1', 'pace', '2026', '2026-W10')).not.toBe(reminderKey('o1', 'pace', '2026', '2026-W11'))
  })
})
