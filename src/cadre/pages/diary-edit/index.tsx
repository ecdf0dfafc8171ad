import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { pickAndUpload } from '@/src/services/upload'
import { clearDraft, loadDraft, useDraftSaver } from '@/src/services/drafts'
import { labelOf, newSubmissionId, outbox } from '@/src/services/outbox'
import { DiaryEditView, type DiaryForm } from './DiaryEditView'

/** A new entry's draft carries the id made for it, so a resend of the same words lands once. */
type Draft = DiaryForm & { entryId?: string }

/**
 * One 民情日记 entry: new (no id) or an existing one (`diary.get`). What is typed is kept on the phone as a
 * draft. Save: `diary.add` with an id made once for the draft (a retry lands once; without signal it waits in
 * the outbox), then `diary.update` for later saves.
 */
export default function DiaryEditPage() {
  const { params } = useRouter()
  const existingId = params.id ? decodeURIComponent(params.id) : ''
  const draftKey = existingId ? `diary:${existingId}` : 'diary:new'
  const [entryId, setEntryId] = useState(existingId)
  const entry = useCloud(() => (existingId ? callCloud('diary', 'get', { entryId: existingId }) : Promise.resolve(null)), [existingId])
  const [form, setForm] = useState<Draft | null>(() =>
    existingId ? null : (loadDraft<Draft>(draftKey) ?? { text: '', photos: [], entryId: newSubmissionId() })
  )
  const [dirty, setDirty] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [queued, setQueued] = useState(false)
  useDraftSaver(draftKey, form, dirty && form !== null)

  useEffect(() => {
    const e = entry.data
    if (!e) return
    const editable = Date.now() < new Date(e.editableUntil).getTime()
    const draft = loadDraft<Draft>(draftKey)
    setForm(editable ? (draft ?? { text: e.text, photos: e.photos.map((fileID, i) => ({ fileID, url: e.photoUrls[i] || undefined })) }) : null)
  }, [entry.data, draftKey])

  const edit = (update: (f: Draft) => Draft) => {
    setSaved(false)
    setQueued(false)
    setDirty(true)
    setForm((f) => (f ? update(f) : f))
  }

  const addPhoto = async () => {
    setUploading(true)
    setError(null)
    try {
      const up = await pickAndUpload('photo')
      if (up) edit((f) => ({ ...f, photos: [...f.photos, { fileID: up.fileID }] }))
    } catch (err) {
      const e = toCloudError(err)
      setError(e.code === 'UNAVAILABLE' ? '没有信号时不能加照片；文字可以先保存，有信号后再加照片。' : e.message)
    } finally {
      setUploading(false)
    }
  }

  const save = async () => {
    if (!form) return
    if (!form.text.trim()) return setError('请写日记内容')
    setSaving(true)
    setError(null)
    setSaved(false)
    const photos = form.photos.map((p) => p.fileID)
    try {
      if (entryId) {
        await callCloud('diary', 'update', { entryId, text: form.text, photos })
      } else {
        const body = { entryId: form.entryId ?? newSubmissionId(), text: form.text, photos }
        try {
          setEntryId((await callCloud('diary', 'add', body)).id)
        } catch (err) {
          if (toCloudError(err).code !== 'UNAVAILABLE') throw err
          outbox().add({ kind: 'diary', key: body.entryId, body, label: labelOf(body.text.trim()) })
          clearDraft(draftKey)
          setDirty(false)
          setForm({ text: '', photos: [], entryId: newSubmissionId() })
          setQueued(true)
          return
        }
      }
      clearDraft(draftKey)
      setDirty(false)
      setSaved(true)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <DiaryEditView
        entry={existingId ? (entry as never) : null}
        onRetry={() => void entry.reload()}
        form={form}
        onText={(text) => edit((f) => ({ ...f, text }))}
        onAddPhoto={() => void addPhoto()}
        onRemovePhoto={(fileID) => edit((f) => ({ ...f, photos: f.photos.filter((p) => p.fileID !== fileID) }))}
        uploading={uploading}
        saving={saving}
        error={error}
        saved={saved}
        queued={queued}
        onSave={() => void save()}
      />
    </View>
  )
}
