import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { SurveyTemplate } from '@/types/surveys'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { isManager, loadMe } from '@/src/services/me'
import { rememberTemplate } from '../survey-edit/draft'
import { SurveysView, type SurveysScope } from './SurveysView'

/**
 * 调查问卷. On open: `user.me` (managers may switch to their unit) and `surveys.list`. 新建问卷 lists
 * `surveys.templates`; a choice opens the editor with it.
 */
export default function SurveysPage() {
  const me = useCloud(loadMe)
  const [scope, setScope] = useState<SurveysScope>('mine')
  const orgId = scope === 'unit' ? me.data?.org?.id : undefined
  const list = usePagedPage((cursor) => callCloud('surveys', 'list', { limit: 20, ...(orgId ? { orgId } : {}), ...(cursor ? { cursor } : {}) }), [orgId], {
    reloadOnShow: true
  })
  const [picking, setPicking] = useState(false)
  const templates = useCloud(() => (picking ? callCloud('surveys', 'templates', {}) : Promise.resolve({ items: [] })), [picking])

  const start = (t: SurveyTemplate | null) => {
    rememberTemplate(t)
    setPicking(false)
    void Taro.navigateTo({ url: '/work/pages/survey-edit/index' })
  }

  return (
    <View className='jdq-page'>
      <SurveysView
        scope={scope}
        canSeeUnit={Boolean(me.data && isManager(me.data.role) && me.data.org)}
        onScope={(s) => {
          list.setItems(() => [])
          setScope(s)
        }}
        {...list.view}
        onOpen={(s) =>
          void Taro.navigateTo({ url: s.status === 'draft' && s.ownerId ? `/work/pages/survey-edit/index?id=${s.id}` : `/work/pages/survey/index?id=${s.id}` })
        }
        templates={picking ? templates : null}
        onNew={() => setPicking(true)}
        onTemplate={start}
      />
    </View>
  )
}
