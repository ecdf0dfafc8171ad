import { Text, View } from '@tarojs/components'
import type { PlaceMonth } from '@/types/places'
import { systems } from '@/types/enums'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextArea } from '@/src/components/Field'
import { ListFooter, RefreshError, listState } from '@/src/components/ListFooter'
import { Card, EmptyView } from '@/src/components/StateViews'
import type { PagedState } from '@/src/hooks/usePaged'

export interface PlacesViewProps {
  months: { value: string; label: string }[]
  month: string
  onMonth: (m: string) => void
  /** Staff above a county: the counties to choose from (empty for a county's own staff). */
  counties: { code: string; name: string }[]
  countyCode: string | undefined
  onCounty: (code: string) => void
  list: PagedState<PlaceMonth>
  onRetry: () => void
  onMore: () => void
  /** The province admin loads villages and communities (one per line: code,name,town). */
  importing: { text: string; busy: boolean; result: string | null } | null
  onImportText?: (text: string) => void
  onImport?: () => void
}

/** 村里谁来过: a county's villages and communities visited this month, by system and unit, most visited first. */
export function PlacesView(p: PlacesViewProps) {
  const empty =
    p.counties.length && !p.countyCode ? (
      <EmptyView title='请先选择县区' />
    ) : (
      <EmptyView title='这个月还没有走访记录' hint='联系点设置了所在村（社区）后，三家的走访都会汇总到这里。' />
    )
  return (
    <View data-testid='places'>
      <Card testId='places-intro'>
        <Text className='jdq-text'>
          工会、共青团、妇联三家这个月都去了哪些村（社区）。去的人多的村，可以错开时间，不给基层增加负担。只显示次数和单位，不显示群众信息。
        </Text>
        <Chips options={p.months.slice(0, 4)} value={p.month} onChange={p.onMonth} testId='places-month' />
        {p.counties.length ? (
          <Chips
            options={p.counties.map((c) => ({ value: c.code, label: c.name }))}
            value={p.countyCode ?? null}
            onChange={p.onCounty}
            testId='places-county'
          />
        ) : null}
      </Card>
      {listState(p.list, p.onRetry, empty) ?? (
        <View>
          <RefreshError list={p.list} />
          {p.list.items.map((m) => (
            <Card key={m.place.code} title={`${m.place.name}（${m.place.town}）`} testId='place'>
              <Text className='jdq-text' data-testid='place-total'>
                本月走访 {m.total} 次：{(['union', 'league', 'women'] as const).map((s) => `${systems.labels[s]} ${m.bySystem[s]}`).join('，')}
              </Text>
              {m.units.map((u) => (
                <Text key={u.orgId} className='jdq-hint' data-testid='place-unit'>
                  {u.name} {u.visits} 次
                </Text>
              ))}
            </Card>
          ))}
          <ListFooter list={p.list} onMore={p.onMore} />
        </View>
      )}
      {p.importing && p.onImport && p.onImportText ? (
        <Card title='导入村（社区）名单（省活动办）' testId='places-import'>
          <Field label='每行一个：12 位区划代码,名称,乡镇（街道）' hint='按统计部门公布的统计用区划代码，一次最多 200 行'>
            <TextArea value={p.importing.text} onChange={p.onImportText} maxlength={20000} testId='import-text' />
          </Field>
          {p.importing.result ? (
            <Text className='jdq-text' data-testid='import-result'>
              {p.importing.result}
            </Text>
          ) : null}
          <BigButton onClick={p.onImport} loading={p.importing.busy} testId='import-places'>
            导入
          </BigButton>
        </Card>
      ) : null}
    </View>
  )
}

/** Lines of "code,name,town" (commas of either width, spaces around them ignored); a line number for each bad one. */
export function parsePlaces(text: string): { ok: true; places: { code: string; name: string; town: string }[] } | { ok: false; message: string } {
  const places: { code: string; name: string; town: string }[] = []
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  for (const [i, l] of lines.entries()) {
    const [code, name, town] = l.split(/\s*[,，]\s*/)
    if (!/^\d{12}$/.test(code ?? '') || !name || !town) return { ok: false, message: `第 ${i + 1} 行格式不对：应为“12 位代码,名称,乡镇”` }
    places.push({ code, name, town })
  }
  if (!places.length) return { ok: false, message: '请粘贴名单' }
  if (places.length > 200) return { ok: false, message: '一次最多 200 行' }
  return { ok: true, places }
}
