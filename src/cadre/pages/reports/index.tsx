import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { beijingYear } from '@/types/rules/beijing-time'
import { useCloud } from '@/src/hooks/useCloud'
import { usePageRefresh } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { newSubmissionId } from '@/src/services/outbox'
import { openReport, pickAndUpload } from '@/src/services/upload'
import { ReportsView, type ReportDraft } from './ReportsView'

/**
 * 调研报告. On open: `diary.listReports` for this year. Upload: the file goes to storage first
 * (services/upload.ts), then `diary.addReport` files it (one id per draft: a retry lands once).
 * Open: `diary.reportUrl`, then openDocument on WeChat or a link in the browser.
 */
export default function ReportsPage() {
  const thisYear = beijingYear(new Date())
  const [year, setYear] = useState(thisYear)
  const list = useCloud(() => callCloud('diary', 'listReports', { year }), [year])
  const [draft, setDraft] = useState<ReportDraft>({ title: '', file: null })
  const reportId = useRef(newSubmissionId())
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [opening, setOpening] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  usePageRefresh(list.reload)

  const pick = async () => {
    setUploading(true)
    setError(null)
    try {
      const file = await pickAndUpload('report')
      if (file) {
        setDraft((d) => ({ title: d.title || file.name.replace(/\.[^.]+$/, ''), file }))
        reportId.current = newSubmissionId()
      }
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setUploading(false)
    }
  }

  const save = async () => {
    if (!draft.file) return setError('请先选择报告文件')
    if (!draft.title.trim()) return setError('请填写报告标题')
    setSaving(true)
    setError(null)
    try {
      await callCloud('diary', 'addReport', { reportId: reportId.current, title: draft.title.trim(), year, ...draft.file })
      setDraft({ title: '', file: null })
      reportId.current = newSubmissionId()
      void Taro.showToast({ title: '已上传', icon: 'success' })
      void list.reload()
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='jdq-page'>
      <ReportsView
        year={year}
        years={[thisYear, thisYear - 1, thisYear - 2]}
        onYear={setYear}
        list={list}
        onRetry={() => void list.reload()}
        opening={opening}
        onOpen={async (r) => {
          setOpening(r.id)
          try {
            const link = await callCloud('diary', 'reportUrl', { reportId: r.id })
            await openReport(link.url, link.name)
          } catch (err) {
            void Taro.showToast({ title: toCloudError(err).message, icon: 'none' })
          } finally {
            setOpening(null)
          }
        }}
        onRemove={async (r) => {
          const ok = await Taro.showModal({ title: '删除这份报告？', content: `「${r.title}」删除后不能恢复。`, confirmText: '删除' })
          if (!ok.confirm) return
          try {
            await callCloud('diary', 'removeReport', { reportId: r.id })
            void list.reload()
          } catch (err) {
            void Taro.showToast({ title: toCloudError(err).message, icon: 'none' })
          }
        }}
        draft={draft}
        onTitle={(title) => setDraft((d) => ({ ...d, title }))}
        onPick={() => void pick()}
        uploading={uploading}
        saving={saving}
        error={error}
        onSave={() => void save()}
      />
    </View>
  )
}
