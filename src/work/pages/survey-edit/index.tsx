import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { isManager, loadMe } from '@/src/services/me'
import { newSubmissionId } from '@/src/services/outbox'
import { useCloud } from '@/src/hooks/useCloud'
import { blankDraft, draftOf, fieldsOf, takeTemplate, type SurveyDraft } from './draft'
import { SurveyEditView } from './SurveyEditView'

/**
 * The questionnaire editor. New (no id): from the template chosen on the list, or blank. A draft (id): `surveys.get`.
 * 保存草稿: `surveys.create` or `surveys.update`; 发布: saved, then `surveys.publish`, then the survey's page.
 * Managers may push the questions down the tree (`surveys.pushTemplate`).
 */
export default function SurveyEditPage() {
  const { params } = useRouter()
  const [id, setId] = useState<string | null>(params.id ? decodeURIComponent(params.id) : null)
  const me = useCloud(loadMe)
  const [draft, setDraft] = useState<SurveyDraft | null>(null)
  const [readOnly, setReadOnly] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'publish' | 'push' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    setLoadError(null)
    if (!id) {
      const t = takeTemplate()
      setDraft(t ? draftOf(t) : blankDraft())
      return
    }
    try {
      const s = await callCloud('surveys', 'get', { surveyId: id })
      if (s.status !== 'draft') {
        void Taro.redirectTo({ url: `/work/pages/survey/index?id=${s.id}` })
        return
      }
      setReadOnly(!s.mine)
      setDraft(draftOf(s))
    } catch (err) {
      setLoadError(toCloudError(err).message)
    }
  }
  // Once, on open: the survey named in the URL (or the template handed over) becomes the draft; later edits are the page's own.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [])

  const save = async (): Promise<string | null> => {
    if (!draft) return null
    const checked = fieldsOf(draft)
    if (!checked.ok) {
      setError(checked.message)
      return null
    }
    if (id) {
      await callCloud('surveys', 'update', { surveyId: id, ...checked.fields })
      return id
    }
    const s = await callCloud('surveys', 'create', { ...checked.fields, ...(draft.templateId ? { templateId: draft.templateId } : {}) })
    setId(s.id)
    return s.id
  }

  const act = async (what: 'save' | 'publish' | 'push') => {
    setBusy(what)
    setError(null)
    try {
      if (what === 'push') {
        const checked = draft ? fieldsOf(draft) : null
        if (!checked || !checked.ok) return setError(checked && !checked.ok ? checked.message : null)
        // A template carries the same fields as the questionnaire minus its closing day, Tibetan included.
        const { closesOn: _closesOn, ...fields } = checked.fields
        await callCloud('surveys', 'pushTemplate', { templateId: newSubmissionId(), ...fields })
        void Taro.showToast({ title: '已下发给下级', icon: 'success' })
        return
      }
      const saved = await save()
      if (!saved) return
      if (what === 'save') void Taro.showToast({ title: '草稿已保存', icon: 'success' })
      else {
        await callCloud('surveys', 'publish', { surveyId: saved })
        void Taro.redirectTo({ url: `/work/pages/survey/index?id=${saved}` })
      }
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='jdq-page'>
      <SurveyEditView
        draft={draft}
        loadError={loadError}
        onRetry={() => void load()}
        readOnly={readOnly}
        onDraft={(u) => setDraft((d) => (d ? u(d) : d))}
        onSave={() => void act('save')}
        onPublish={() => void act('publish')}
        onPush={me.data && isManager(me.data.role) ? () => void act('push') : undefined}
        busy={busy}
        error={error}
      />
    </View>
  )
}
