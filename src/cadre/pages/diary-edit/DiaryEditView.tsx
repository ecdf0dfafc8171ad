import { Image, Text, View } from '@tarojs/components'
import type { DiaryDetail } from '@/types/diary'
import { DIARY_PHOTOS_MAX, DIARY_TEXT_MAX } from '@/types/rules/diary'
import { BigButton } from '@/src/components/BigButton'
import { Field, TextArea } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import { dateText } from '../../format'
import './index.scss'

export interface DiaryForm {
  text: string
  /** fileIDs, and a preview link where one is known. */
  photos: { fileID: string; url?: string }[]
}

export interface DiaryEditViewProps {
  /** null for a new entry. */
  entry: Pick<CloudState<DiaryDetail>, 'loading' | 'error' | 'data'> | null
  onRetry: () => void
  /** null: not editable (older than 7 days) — shown read-only. */
  form: DiaryForm | null
  onText: (text: string) => void
  onAddPhoto: () => void
  onRemovePhoto: (fileID: string) => void
  uploading: boolean
  saving: boolean
  error: string | null
  saved: boolean
  /** Saved on the phone (no signal), sent when the network is back. */
  queued?: boolean
  onSave: () => void
}

/** Writing or editing one entry; photos only if the cadre adds them. */
export function DiaryEditView(p: DiaryEditViewProps) {
  if (p.entry && !p.entry.data) {
    if (p.entry.error) return <ErrorView error={p.entry.error} onRetry={p.onRetry} retrying={p.entry.loading} />
    return <LoadingView />
  }
  const e = p.entry?.data
  if (!p.form) {
    return (
      <Card title={e ? dateText(e.date) : '民情日记'} testId='diary-readonly'>
        <Text className='jdq-text'>写好 7 天后日记不能再修改。</Text>
        <Text className='jdq-row__line' data-testid='diary-text'>
          {e?.text}
        </Text>
        {e?.photoUrls.map((u) => (u ? <Image key={u} src={u} mode='widthFix' className='diary-photo' /> : null))}
      </Card>
    )
  }
  const f = p.form
  return (
    <View data-testid='diary-form'>
      <Card title={e ? dateText(e.date) : '今天的民情日记'}>
        <Field label='记下走访中的所见所闻所想' hint={`${f.text.length}/${DIARY_TEXT_MAX} 字。只有您本人和您的管理员可以看到。`}>
          <TextArea value={f.text} onChange={p.onText} maxlength={DIARY_TEXT_MAX} placeholder='例如：今天到东关社区，听居民说……' testId='diary-input' />
        </Field>
      </Card>
      <Card title='照片（可不加）' testId='diary-photos'>
        {f.photos.map((ph, i) => (
          <View key={ph.fileID} className='jdq-row' data-testid='diary-photo'>
            {ph.url ? <Image src={ph.url} mode='widthFix' className='diary-photo' /> : <Text className='jdq-row__line'>照片 {i + 1}</Text>}
            <View className='jdq-link' onClick={() => p.onRemovePhoto(ph.fileID)} data-testid='remove-photo'>
              <Text>去掉这张</Text>
            </View>
          </View>
        ))}
        {f.photos.length < DIARY_PHOTOS_MAX ? (
          <View className='jdq-link' onClick={p.uploading ? undefined : p.onAddPhoto} data-testid='add-photo'>
            <Text>{p.uploading ? '正在上传照片…' : '＋ 加一张照片'}</Text>
          </View>
        ) : null}
      </Card>
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='diary-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      {p.saved ? (
        <View className='jdq-banner jdq-banner--ok' data-testid='diary-saved'>
          <Text>日记已保存</Text>
        </View>
      ) : null}
      {p.queued ? (
        <View className='jdq-banner jdq-banner--warn' data-testid='diary-queued'>
          <Text>没有信号，日记已保存在手机上，有信号时自动上传。</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onSave} loading={p.saving} testId='save-diary'>
          {p.saving ? '正在保存…' : '保存日记'}
        </BigButton>
      </View>
    </View>
  )
}
