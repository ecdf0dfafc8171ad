import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { beijingDate } from '@/types/rules/beijing-time'
import { useCloud } from '@/src/hooks/useCloud'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { newSubmissionId } from '@/src/services/outbox'
import { BookView, type HelpDraft, type ProfileDraft } from './BookView'

/**
 * 一户一册 of one household (?id=). On open: `households.book`. Saves: `households.setProfile`, `households.addHelp`
 * (an entry id made for the form, so a retry lands once), `households.removeHelp`; each reloads the book.
 */
export default function BookPage() {
  const { params } = useRouter()
  const householdId = decodeURIComponent(params.id ?? '')
  const book = useCloud(() => callCloud('households', 'book', { householdId }), [householdId])
  const [profile, setProfile] = useState<ProfileDraft | null>(null)
  const [help, setHelp] = useState<(HelpDraft & { entryId: string }) | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const act = async (work: () => Promise<unknown>, after: () => void) => {
    setBusy(true)
    setError(null)
    try {
      await work()
      after()
      await book.reload()
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='jdq-page'>
      <BookView
        book={book}
        onRetry={() => void book.reload()}
        profile={profile}
        onProfile={setProfile}
        onSaveProfile={() => {
          if (!profile) return
          if (!profile.circumstances.trim()) return setError('请填写家庭情况')
          void act(
            () =>
              callCloud('households', 'setProfile', {
                householdId,
                circumstances: profile.circumstances.trim(),
                needAreas: profile.needAreas,
                ...(profile.needs.trim() ? { needs: profile.needs.trim() } : {})
              }),
            () => setProfile(null)
          )
        }}
        help={help}
        onHelp={(d) => setHelp(d ? { entryId: help?.entryId ?? newSubmissionId(), ...d, date: d.date || beijingDate(new Date()) } : null)}
        onSaveHelp={() => {
          if (!help) return
          if (!help.kind) return setError('请选择慰问或帮扶')
          if (!help.what.trim()) return setError('请填写内容')
          const kind = help.kind
          void act(
            () =>
              callCloud('households', 'addHelp', {
                householdId,
                entryId: help.entryId,
                kind,
                what: help.what.trim(),
                date: help.date,
                solved: kind === 'support' && help.solved
              }),
            () => setHelp(null)
          )
        }}
        onRemoveHelp={(helpId) =>
          void act(
            () => callCloud('households', 'removeHelp', { householdId, helpId }),
            () => undefined
          )
        }
        busy={busy}
        error={error}
        onOpenVisit={(id) => void Taro.navigateTo({ url: `/cadre/pages/visit/index?id=${encodeURIComponent(id)}` })}
        onOpenDemand={(id) => void Taro.navigateTo({ url: `/cadre/pages/demand/index?id=${encodeURIComponent(id)}` })}
      />
    </View>
  )
}
