import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { normaliseInviteCode } from '@/types/rules/invites'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { JoinView, type InvitePreview } from './JoinView'

/**
 * 加入单位. Opened from the invite's QR code (weapp: query.scene; h5: ?scene=) the code is filled in and looked
 * up at once (`orgs.peekInvite`); otherwise the person types it. 接受: `orgs.acceptInvite`.
 */
export default function JoinPage() {
  const { params } = useRouter()
  const fromQr = decodeURIComponent(params.scene ?? params.code ?? '')
  const [code, setCode] = useState(fromQr)
  const [checking, setChecking] = useState(false)
  const [preview, setPreview] = useState<InvitePreview | null>(null)
  const [accepting, setAccepting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const check = async (typed = code) => {
    const normal = normaliseInviteCode(typed)
    if (!normal) return setError('邀请码是 8 位字母和数字，请核对')
    setChecking(true)
    setError(null)
    try {
      setPreview(await callCloud('orgs', 'peekInvite', { code: normal }))
    } catch (err) {
      setError(toCloudError(err).message)
    } finally {
      setChecking(false)
    }
  }

  useEffect(() => {
    if (fromQr) void check(fromQr)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromQr])

  const accept = async () => {
    const normal = normaliseInviteCode(code)
    if (!normal || accepting) return
    setAccepting(true)
    setError(null)
    try {
      setDone((await callCloud('orgs', 'acceptInvite', { code: normal })).message)
    } catch (err) {
      setError(toCloudError(err).message)
      setPreview(null)
    } finally {
      setAccepting(false)
    }
  }

  return (
    <View className='jdq-page'>
      <JoinView
        code={code}
        onCode={(c) => {
          setCode(c)
          setPreview(null)
          setError(null)
        }}
        checking={checking}
        onCheck={() => void check()}
        preview={preview}
        accepting={accepting}
        onAccept={() => void accept()}
        error={error}
        done={done}
        onHome={() => void Taro.reLaunch({ url: '/pages/index/index' })}
      />
    </View>
  )
}
