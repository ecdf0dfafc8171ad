import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { RuleField } from '@/types/org-rules'
import { beijingYear } from '@/types/rules/beijing-time'
import { useCloud } from '@/src/hooks/useCloud'
import { usePaged } from '@/src/hooks/usePaged'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { RulesView, draftOf, valueOf, type RulesViewProps } from './RulesView'

/**
 * 制度设置. On open: `orgs.getRules` and `orgs.ruleHistory` for my unit (or `?orgId=`, a unit of my subtree opened from
 * 组织和邀请) and this year; each save: `orgs.setRules`.
 */
export default function RulesPage() {
  const { params } = useRouter()
  const target = params.orgId ? decodeURIComponent(params.orgId) : undefined
  const thisYear = beijingYear(new Date())
  const [year, setYear] = useState(thisYear)
  const rules = useCloud(() => callCloud('orgs', 'getRules', { year, ...(target ? { orgId: target } : {}) }), [year, target])
  const orgId = rules.data?.org.id
  const history = usePaged(
    (cursor) => callCloud('orgs', 'ruleHistory', { year, ...((orgId ?? target) ? { orgId: orgId ?? target } : {}), ...(cursor ? { cursor } : {}) }),
    [year, orgId]
  )
  usePageRefresh(() => Promise.all([rules.reload(), history.reload()]), history.loadMore)
  const [editing, setEditing] = useState<RulesViewProps['editing']>(null)
  const [saving, setSaving] = useState(false)

  const save = async (change: { values?: Record<string, unknown>; clear?: RuleField[]; lock?: RuleField[]; unlock?: RuleField[] }) => {
    if (!orgId || saving) return false
    setSaving(true)
    try {
      await callCloud('orgs', 'setRules', { orgId, year, ...change })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      await Promise.all([rules.reload(), history.reload()])
      return true
    } catch (err) {
      const message = toCloudError(err).message
      if (editing) setEditing({ ...editing, error: message })
      else void Taro.showModal({ title: '没有保存', content: message, showCancel: false })
      return false
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <RulesView
        rules={rules}
        onRetry={() => void rules.reload()}
        years={[thisYear, thisYear + 1]}
        year={year}
        onYear={(y) => {
          setEditing(null)
          setYear(y)
        }}
        editing={editing}
        onEdit={(field) => rules.data && setEditing({ field, draft: draftOf(field, rules.data.rules[field]), error: null })}
        onDraft={(draft) => setEditing((e) => (e ? { ...e, draft, error: null } : e))}
        onSave={() => {
          if (!editing) return
          const v = valueOf(editing.field, editing.draft)
          if ('error' in v) return setEditing({ ...editing, error: v.error })
          void save({ values: { [editing.field]: v.value } }).then((ok) => ok && setEditing(null))
        }}
        onCancel={() => setEditing(null)}
        onClear={(field) => void save({ clear: [field] })}
        onLock={(field, lock) => void save(lock ? { lock: [field] } : { unlock: [field] })}
        saving={saving}
        history={history}
        onMoreHistory={() => void history.loadMore()}
        onRetryHistory={() => void history.reload()}
      />
    </View>
  )
}
