import { checkField, checkMessageData, fieldKind, fitThing } from '@/types/rules/subscribe-fields'

describe("WeChat's subscribe-message field rules", () => {
  it('reads the kind from the field name', () => {
    expect(fieldKind('thing12')).toBe('thing')
    expect(fieldKind('character_string3')).toBe('character_string')
    expect(fieldKind('weird1')).toBeNull()
  })

  it.each([
    ['thing1', '一'.repeat(20), true],
    ['thing1', '一'.repeat(21), false],
    ['phrase2', '待回访', true],
    ['phrase2', '待回访处理中啊', false],
    ['phrase2', 'ok', false],
    ['name3', '欧阳建国', true],
    ['name3', '一二三四五六七八九十一', false],
    ['name3', 'Zhuoma Tsering', true],
    ['name3', '阿依古丽·买买提', true],
    ['name3', '阿依古丽·买买提·艾力', false],
    ['name3', '张3', false],
    ['character_string4', 'V-20261128-0001', true],
    ['character_string4', 'x'.repeat(33), false],
    ['number5', '90', true],
    ['number5', '九十', false],
    ['time6', '2026年11月28日 15:01', true],
    ['time6', '15:01', true],
    ['time6', '下午三点', false],
    ['date7', '2026年11月28日', true],
    ['date7', '2026-11-28', true],
    ['date7', '明天', false],
    ['phone_number8', '0971-8888888', true],
    ['phone_number8', '1'.repeat(18), false]
  ])('%s = %j is %s', (key, value, ok) => {
    expect(checkField(key, value) === null).toBe(ok)
  })

  it('checks a whole message and names the bad field', () => {
    expect(checkMessageData({ thing1: { value: '走访' }, time2: { value: '15:01' } })).toBeNull()
    expect(checkMessageData({ thing1: { value: '' } })).toMatch(/thing1/)
    expect(checkMessageData(null)).toMatch(/data/)
  })

  it('shortens user text safely to fit a thing field', () => {
    const text = '群众反映东关大街社区路灯长期不亮，夜间出行很不方便'
    const fitted = fitThing(text)
    expect([...fitted]).toHaveLength(20)
    expect(fitted.endsWith('…')).toBe(true)
    expect(checkField('thing1', fitted)).toBeNull()
    expect(fitThing('短')).toBe('短')
  })
})
