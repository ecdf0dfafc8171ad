import { Text, View } from '@tarojs/components'
import type { EffectiveRules, RuleChange } from '@/types/api/orgs'
import type { RuleField } from '@/types/org-rules'
import { beijing } from '@/types/rules/beijing-time'
import { BigButton } from '@/src/components/BigButton'
import { Chips } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { ListFooter, listState } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

/** The parts of an object-valued rule, with their Chinese names (percent: shown ×100; choices: picked, not typed). */
export const subFields: Partial<Record<RuleField, { key: string; label: string; percent?: boolean; choices?: { value: string; label: string }[] }[]>> = {
  demandDays: [
    { key: 'urgent', label: '紧急（0 = 当天办完）' },
    { key: 'general', label: '一般' },
    { key: 'complex', label: '复杂' }
  ],
  scoreWeights: [
    { key: 'satisfaction', label: '群众满意度' },
    { key: 'demands', label: '办实事' },
    { key: 'badReviews', label: '差评回访整改' },
    { key: 'fiveMustVisit', label: '五必访' }
  ],
  satisfactionScoring: [
    {
      key: 'method',
      label: '计分方法',
      choices: [
        { value: 'minRatings', label: '按满意率' },
        { value: 'wilson', label: '按置信下限（评价少时更保守）' }
      ]
    },
    { key: 'minRatings', label: '至少几条评价才计分（不少于 3）' }
  ],
  honours: [
    { key: 'topN', label: '表彰前几名' },
    { key: 'minSatisfaction', label: '满意率不低于（%）', percent: true },
    { key: 'minRatings', label: '至少几条评价' }
  ],
  ratingGuard: [
    { key: 'withoutRecord', label: '未填走访记录时至多几人评价' },
    { key: 'homeVisit', label: '上门走访至多几人' },
    { key: 'inspection', label: '实地考察至多几人' },
    { key: 'other', label: '其他方式至多几人' },
    { key: 'forum', label: '座谈会未记人数时至多几人' },
    { key: 'fieldResearch', label: '蹲点调研未记人数时至多几人' },
    { key: 'survey', label: '问卷调查未记人数时至多几人' },
    { key: 'gatheringMax', label: '按记录人数时最多几人' },
    { key: 'perDemand', label: '一件诉求至多几人评价' },
    { key: 'windowMinutes', label: '短时间指几分钟' },
    { key: 'freshPerWindow', label: '其间首次评价的新用户至多几人' },
    { key: 'ipPerWindow', label: '其间同一网络至多几条' },
    { key: 'repeatPerCadreMonth', label: '同一人每月第几次评价同一干部起待审核' },
    { key: 'perDay', label: '同一人每天至多评价几次' }
  ],
  notices: [
    { key: 'overdueDemands', label: '超期诉求达到几件' },
    { key: 'unfollowedBadReviews', label: '差评未跟进达到几条' }
  ],
  fourHundredTargets: [
    { key: 'entered', label: '进百家门（%）' },
    { key: 'known', label: '知百家情（%）' },
    { key: 'relieved', label: '解百家忧（%）' },
    { key: 'warmed', label: '暖百家心（%）' }
  ]
}

/** Rules chosen among a few values; the draft holds the value as text under ''. */
export const choiceFields: Partial<Record<RuleField, { value: string; label: string }[]>> = {
  photoPolicy: [
    { value: 'optional', label: '拍照可选' },
    { value: 'off', label: '不用拍照' }
  ],
  ownRankVisible: [
    { value: 'false', label: '排名只给管理员看' },
    { value: 'true', label: '干部能看到自己的排名' }
  ],
  absenceApproval: [
    { value: 'manager', label: '管理员审批' },
    { value: 'self', label: '登记后即生效' }
  ]
}

/** What the editor holds: text per part (or the single value under ''). */
export type Draft = Record<string, string>

export function draftOf(field: RuleField, value: unknown): Draft {
  const parts = subFields[field]
  if (!parts) return { '': String(value) }
  const v = value as Record<string, number | string>
  return Object.fromEntries(parts.map((p) => [p.key, String(p.percent ? Math.round(Number(v[p.key]) * 100) : v[p.key])]))
}

/** The value to send, or a message when a number is missing or not a number. */
export function valueOf(field: RuleField, draft: Draft): { value: unknown } | { error: string } {
  if (field === 'ownRankVisible') return { value: draft[''] === 'true' }
  if (choiceFields[field]) return { value: draft[''] }
  const num = (s: string | undefined) => (s !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(s) ? Number(s) : NaN)
  const parts = subFields[field]
  if (!parts) {
    const n = num(draft[''])
    return Number.isFinite(n) ? { value: n } : { error: '请填写数字' }
  }
  const out: Record<string, number | string> = {}
  for (const p of parts) {
    if (p.choices) {
      out[p.key] = draft[p.key]
      continue
    }
    const n = num(draft[p.key])
    if (!Number.isFinite(n)) return { error: `「${p.label}」请填写数字` }
    out[p.key] = p.percent ? n / 100 : n
  }
  if (field === 'scoreWeights') {
    const sum = Object.values(out).reduce<number>((a, b) => a + Number(b), 0)
    if (sum !== 100) return { error: `各项权重加起来要等于 100（现在是 ${sum}）` }
  }
  return { value: out }
}

export interface RulesViewProps {
  rules: Pick<CloudState<EffectiveRules>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  years: number[]
  year: number
  onYear: (y: number) => void
  editing: { field: RuleField; draft: Draft; error: string | null } | null
  onEdit: (field: RuleField) => void
  onDraft: (draft: Draft) => void
  onSave: () => void
  onCancel: () => void
  onClear: (field: RuleField) => void
  onLock: (field: RuleField, lock: boolean) => void
  saving: boolean
  history: PagedState<RuleChange>
  onMoreHistory: () => void
  onRetryHistory: () => void
}

/** 制度设置: the rules in force for my unit and year, where each comes from, editing where allowed, every change. */
export function RulesView(p: RulesViewProps) {
  const yearChips = (
    <Chips
      options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
      value={String(p.year)}
      onChange={(y) => p.onYear(Number(y))}
      testId='rules-year'
    />
  )
  if (!p.rules.data) {
    if (p.rules.error) return <ErrorView error={p.rules.error} onRetry={p.onRetry} retrying={p.rules.loading} />
    return <LoadingView />
  }
  const r = p.rules.data
  const anyEditable = r.fields.some((f) => f.editable)
  return (
    <View data-testid='rules'>
      <Card title={`${r.org.name}的制度`} testId='rules-head'>
        {yearChips}
        <Text className='jdq-hint'>省活动办定下全省的制度，各级沿用；没有锁定的项目，本单位可以按实际调整。{anyEditable ? '' : '您可以查看，不能修改。'}</Text>
      </Card>
      {r.fields.map((f) => (
        <Card key={f.field} testId={`rule-${f.field}`}>
          <View className='jdq-row__head'>
            <Text className='jdq-row__title'>{f.label}</Text>
            {f.lockedBy ? <Text className='jdq-tag jdq-tag--wait'>已锁定</Text> : null}
          </View>
          <Text className='rules-value'>{f.text}</Text>
          <Text className='jdq-hint'>
            {f.overridden ? '本单位设定' : f.source ? `沿用 ${f.source.orgName}` : '全省默认'}
            {f.lockedBy ? `；由 ${f.lockedBy.orgName} 锁定，下级不能改` : ''}
          </Text>
          {p.editing?.field === f.field ? (
            <Editor {...p} field={f.field} />
          ) : (
            <View className='rules-actions'>
              {f.editable ? (
                <View className='rules-actions__item'>
                  <BigButton kind='plain' onClick={() => p.onEdit(f.field)} testId={`edit-${f.field}`}>
                    修改
                  </BigButton>
                </View>
              ) : null}
              {f.editable && f.overridden ? (
                <View className='rules-actions__item'>
                  <BigButton kind='plain' onClick={() => p.onClear(f.field)} testId={`clear-${f.field}`}>
                    恢复沿用上级
                  </BigButton>
                </View>
              ) : null}
              {r.canLock && (!f.lockedBy || f.lockedBy.orgId === r.org.id) ? (
                <View className='rules-actions__item'>
                  <BigButton kind='plain' onClick={() => p.onLock(f.field, !f.lockedBy)} testId={`lock-${f.field}`}>
                    {f.lockedBy ? '解除锁定' : '锁定（下级不能改）'}
                  </BigButton>
                </View>
              ) : null}
            </View>
          )}
        </Card>
      ))}
      <Card title='修改记录' testId='rules-history'>
        <History {...p} />
      </Card>
    </View>
  )
}

function Editor(p: RulesViewProps & { field: RuleField }) {
  const e = p.editing!
  const parts = subFields[p.field]
  return (
    <View className='rules-editor' data-testid='rule-editor'>
      {choiceFields[p.field] ? (
        <Chips
          options={choiceFields[p.field]!}
          value={e.draft['']}
          onChange={(v) => p.onDraft({ '': v })}
          testId={p.field === 'photoPolicy' ? 'rule-photo' : `rule-choice-${p.field}`}
        />
      ) : parts ? (
        parts.map((s) => (
          <Field key={s.key} label={s.label}>
            {s.choices ? (
              <Chips options={s.choices} value={e.draft[s.key]} onChange={(v) => p.onDraft({ ...e.draft, [s.key]: v })} testId={`rule-choice-${s.key}`} />
            ) : (
              <TextInput
                type='digit'
                value={e.draft[s.key] ?? ''}
                onChange={(v) => p.onDraft({ ...e.draft, [s.key]: v })}
                maxlength={6}
                testId={`rule-input-${s.key}`}
              />
            )}
          </Field>
        ))
      ) : (
        <Field label='新的数值'>
          <TextInput type='number' value={e.draft[''] ?? ''} onChange={(v) => p.onDraft({ '': v })} maxlength={6} testId='rule-input' />
        </Field>
      )}
      {e.error ? (
        <Text className='jdq-field__error' data-testid='rule-error'>
          {e.error}
        </Text>
      ) : null}
      <View className='rules-actions'>
        <View className='rules-actions__item'>
          <BigButton onClick={p.onSave} loading={p.saving} testId='rule-save'>
            保存
          </BigButton>
        </View>
        <View className='rules-actions__item'>
          <BigButton kind='plain' onClick={p.onCancel} testId='rule-cancel'>
            取消
          </BigButton>
        </View>
      </View>
    </View>
  )
}

function History(p: RulesViewProps) {
  const state = listState(p.history, p.onRetryHistory, <EmptyView title='这一年还没有修改过' />)
  if (state) return <>{state}</>
  return (
    <View>
      {p.history.items.map((c) => (
        <View key={c.id} className='jdq-row' data-testid='rule-change'>
          <Text className='jdq-row__title'>{c.label}</Text>
          <Text className='jdq-row__line'>
            {c.old} → {c.new}
          </Text>
          <Text className='jdq-hint'>
            {c.byName} · {beijing(c.at).format('YYYY年M月D日 HH:mm')}
          </Text>
        </View>
      ))}
      <ListFooter list={p.history} onMore={p.onMoreHistory} />
    </View>
  )
}
