import { Text, View } from '@tarojs/components'
import type { HouseholdBook } from '@/types/household-book'
import { helpKinds, type HelpKind } from '@/types/household-book'
import { demandAreas, fiveMustVisit, type DemandArea } from '@/types/enums'
import { demandStatusLabels } from '@/types/demands'
import { fourHundredKeys, fourHundredLabels, fourHundredMeaning } from '@/types/rules/four-hundred'
import { BigButton } from '@/src/components/BigButton'
import { Chips, ToggleChips, optionsOf } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { dayText } from '../../format'
import './index.scss'

export interface ProfileDraft {
  circumstances: string
  needAreas: DemandArea[]
  needs: string
}

export interface HelpDraft {
  kind: HelpKind | null
  what: string
  date: string
  solved: boolean
}

export interface BookViewProps {
  book: Pick<CloudState<HouseholdBook>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  profile: ProfileDraft | null
  onProfile: (d: ProfileDraft | null) => void
  onSaveProfile: () => void
  help: HelpDraft | null
  onHelp: (d: HelpDraft | null) => void
  onSaveHelp: () => void
  onRemoveHelp: (id: string) => void
  busy: boolean
  error: string | null
  onOpenVisit: (id: string) => void
  onOpenDemand: (id: string) => void
}

const areaIds = demandAreas.ids
const kindOptions = optionsOf(helpKinds)

/** 一户一册: one household's record, the help given, and the visits and ledger entries about it. */
export function BookView(p: BookViewProps) {
  const b = p.book.data
  if (!b) {
    if (p.book.error) return <ErrorView error={p.book.error} onRetry={p.onRetry} retrying={p.book.loading} />
    return <LoadingView />
  }
  const h = b.household
  return (
    <View data-testid='book'>
      <Card title={h.displayName} testId='book-head'>
        <Text className='jdq-text'>
          {fiveMustVisit.labels[h.kind]} · {h.area}
        </Text>
        <View className='bk-four' data-testid='four-hundred'>
          {fourHundredKeys.map((k) => (
            <View
              key={k}
              className={`bk-four__item${b.fourHundred[k] ? ' bk-four__item--on' : ''}`}
              data-testid={`four-${k}`}
              data-on={b.fourHundred[k] ? 'true' : 'false'}
            >
              <Text className='bk-four__label'>{fourHundredLabels[k]}</Text>
              <Text className='bk-four__hint'>{b.fourHundred[k] ? `${b.year} 年已做到` : fourHundredMeaning[k]}</Text>
            </View>
          ))}
        </View>
      </Card>

      <Card title='家庭情况和需求（知百家情）' testId='profile'>
        {p.profile ? (
          <View>
            <Text className='jdq-hint'>只记最少的信息，不要填身份证号、电话、病历等。</Text>
            <Field label='家庭情况'>
              <TextArea
                value={p.profile.circumstances}
                onChange={(circumstances) => p.onProfile({ ...p.profile!, circumstances })}
                maxlength={300}
                testId='profile-circumstances'
              />
            </Field>
            <Field label='需要哪方面的帮助'>
              <ToggleChips
                options={areaIds.map((a) => ({ value: a, label: demandAreas.labels[a] }))}
                values={p.profile.needAreas}
                onToggle={(a) => {
                  const was = p.profile!.needAreas
                  p.onProfile({ ...p.profile!, needAreas: was.includes(a) ? was.filter((x) => x !== a) : [...was, a] })
                }}
                testId='need'
              />
            </Field>
            <Field label='具体需求（可不填）'>
              <TextArea value={p.profile.needs} onChange={(needs) => p.onProfile({ ...p.profile!, needs })} maxlength={300} testId='profile-needs' />
            </Field>
            <BigButton onClick={p.onSaveProfile} loading={p.busy} testId='save-profile'>
              保存
            </BigButton>
          </View>
        ) : b.profile ? (
          <View>
            <Text className='jdq-text' data-testid='profile-text'>
              {b.profile.circumstances}
            </Text>
            {b.profile.needAreas.length ? <Text className='jdq-text'>需要：{b.profile.needAreas.map((a) => demandAreas.labels[a]).join('、')}</Text> : null}
            {b.profile.needs ? <Text className='jdq-text'>{b.profile.needs}</Text> : null}
            <Text className='jdq-hint'>
              {b.profile.updatedByName} 于 {dayText(b.profile.updatedAt)} 更新
            </Text>
            <Text
              className='jdq-link'
              data-testid='edit-profile'
              onClick={() => p.onProfile({ circumstances: b.profile!.circumstances, needAreas: b.profile!.needAreas, needs: b.profile!.needs })}
            >
              修改或确认（每年确认一次）
            </Text>
          </View>
        ) : (
          <Text className='jdq-link' data-testid='edit-profile' onClick={() => p.onProfile({ circumstances: '', needAreas: [], needs: '' })}>
            填写家庭情况和需求
          </Text>
        )}
      </Card>

      <Card title='慰问和帮扶（暖百家心、解百家忧）' testId='help'>
        {b.help.length === 0 ? <Text className='jdq-text'>还没有登记过慰问或帮扶。</Text> : null}
        {b.help.map((e) => (
          <View key={e.id} className='jdq-row' data-testid='help-entry'>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{e.what}</Text>
              <Text className={`jdq-tag ${e.kind === 'care' ? 'jdq-tag--ok' : e.solved ? 'jdq-tag--ok' : 'jdq-tag--wait'}`}>
                {e.kind === 'care' ? '慰问' : e.solved ? '帮扶·已解决' : '帮扶'}
              </Text>
            </View>
            <Text className='jdq-row__line'>
              {dayText(e.date)} · {e.byName}
            </Text>
            {e.removable ? (
              <Text className='jdq-link' data-testid='remove-help' onClick={() => p.onRemoveHelp(e.id)}>
                登记错了，撤回
              </Text>
            ) : null}
          </View>
        ))}
        {p.help ? (
          <View data-testid='help-form'>
            <Field label='类别'>
              <Chips options={kindOptions} value={p.help.kind} onChange={(kind) => p.onHelp({ ...p.help!, kind })} testId='help-kind' />
            </Field>
            <Field label='内容' hint='例如：春节慰问，送去米面油；协调社区医生每月上门'>
              <TextInput value={p.help.what} onChange={(what) => p.onHelp({ ...p.help!, what })} maxlength={200} testId='help-what' />
            </Field>
            <Field label='日期' hint='格式 2026-03-05'>
              <TextInput value={p.help.date} onChange={(date) => p.onHelp({ ...p.help!, date: date.trim() })} maxlength={10} testId='help-date' />
            </Field>
            {p.help.kind === 'support' ? (
              <Chips
                options={[
                  { value: 'no', label: '还在帮扶' },
                  { value: 'yes', label: '已解决' }
                ]}
                value={p.help.solved ? 'yes' : 'no'}
                onChange={(v) => p.onHelp({ ...p.help!, solved: v === 'yes' })}
                testId='help-solved'
              />
            ) : null}
            <BigButton onClick={p.onSaveHelp} loading={p.busy} testId='save-help'>
              登记
            </BigButton>
          </View>
        ) : (
          <Text className='jdq-link' data-testid='add-help' onClick={() => p.onHelp({ kind: null, what: '', date: '', solved: false })}>
            ＋ 登记慰问或帮扶
          </Text>
        )}
      </Card>

      <Card title='走访记录（进百家门）' testId='book-visits'>
        {b.visits.length === 0 ? <Text className='jdq-text'>走访记录里还没有写到这一户。</Text> : null}
        {b.visits.map((v) => (
          <View key={v.id} className='jdq-row' data-testid='book-visit' onClick={() => p.onOpenVisit(v.id)}>
            <Text className='jdq-row__title'>
              {dayText(v.date)} · {v.pointName}
            </Text>
            {v.needs ? <Text className='jdq-row__line'>问需：{v.needs}</Text> : null}
            {v.problems ? <Text className='jdq-row__line'>记了 {v.problems} 个问题</Text> : null}
          </View>
        ))}
      </Card>

      <Card title='群众诉求' testId='book-demands'>
        {b.demands.length === 0 ? <Text className='jdq-text'>没有关联的诉求。</Text> : null}
        {b.demands.map((d) => (
          <View key={d.id} className='jdq-row' data-testid='book-demand' onClick={() => p.onOpenDemand(d.id)}>
            <View className='jdq-row__head'>
              <Text className='jdq-row__title'>{d.text}</Text>
              <Text className={`jdq-tag ${d.overdue ? 'jdq-tag--bad' : 'jdq-tag--plain'}`}>{d.overdue ? '已超期' : demandStatusLabels[d.status]}</Text>
            </View>
            <Text className='jdq-row__line'>{demandAreas.labels[d.area]}</Text>
          </View>
        ))}
      </Card>
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='book-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
    </View>
  )
}
