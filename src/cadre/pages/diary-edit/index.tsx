import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCloud } from '../../../hooks/useCloud'
import { callCloud } from '../../../services/cloud'
import { toCloudError } from '../../../services/reply'
import { pickAndUpload } from '../../../services/upload'
import { newSubmissionId as newClientId } from '../../../services/checkin-queue'
import { DiaryEditView, type DiaryForm } from './DiaryEditView'

/**
 * One 民情日记 entry: new (no id) or an existing one (`diary.get`). Save: `diary.add` with an id made once
 * on this page (a retry lands once), then `diary.update` for later saves.
 */
export default function DiaryEditPage() {
  const { params } = useRouter()
  const [entryId, setEntryId] = useState(params.id ? decodeURIComponent(params.id) : '')
  const clientId = useRef(newClientId())
  const entry = useCloud(() => (params.id ? callCloud('diary', 'get', { entryId: decodeURIComponent(params.id) }) : Promise.resolve(null)), [params.id])
  const [form, setForm] = useState<DiaryForm | null>(params.id ? null : { text: '', photos: [] })
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    const e = entry.data
    if (!e) return
    const editable = Date.now() < new Date(e.editableUntil).getTime()
    setForm(editable ? { text: e.text, photos: e.photos.map((fileID, i) => ({ fileID, url: e.photoUrls[i] || undefined })) } : null)
  }, [entry.data])

  const addPhoto = async () => {
    setUploading(true)
    setError(null)
    try {
      const up = await pickAndUpload('photo')
      if (up) setForm((f) => (f ? { ...f, photos: [...f.photos, { fileID: up.fileID }] } : f))
    } catch (err) {
      setError(toCloudError(err).message)
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
      const done = entryId
        ? await callCloud('diary', 'update', { entryId, text: form.text, photos })
        : await callCloud('diary', 'add', { entryId: clientId.current, text: form.text, photos })
      setEntryId(done.id)
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
        entry={params.id ? entry as never : null}
        onRetry={() => void entry.reload()}
        form={form}
        onText={(text) => {
          setSaved(false)
          setForm((f) => (f ? { ...f, text } : f))
        }}
        onAddPhoto={() => void addPhoto()}
        onRemovePhoto={(fileID) => setForm((f) => (f ? { ...f, photos: f.photos.filter((p) => p.fileID !== fileID) } : f))}
        uploading={uploading}
        saving={saving}
        error={error}
        saved={saved}
        onSave={() => void save()}
      />
    </View>
  )
}
