import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import { useCloud } from '@/src/hooks/useCloud'
import { usePagedPage } from '@/src/hooks/usePagedPage'
import { callCloud } from '@/src/services/cloud'
import { toCloudError } from '@/src/services/reply'
import { loadMe } from '@/src/services/me'
import { recentMonths } from '../../format'
import { PlacesView, parsePlaces } from './PlacesView'

/** 村里谁来过. On open: `places.county` for the caller's county and month; the province admin may import places. */
export default function PlacesPage() {
  const months = useMemo(() => recentMonths(new Date()), [])
  const [month, setMonth] = useState(months[0].value)
  const me = useCloud(loadMe)
  const [countyCode, setCountyCode] = useState<string | undefined>(undefined)
  const [counties, setCounties] = useState<{ code: string; name: string }[]>([])
  const list = usePagedPage(
    async (cursor) => {
      const r = await callCloud('places', 'county', { month, limit: 20, ...(countyCode ? { countyCode } : {}), ...(cursor ? { cursor } : {}) })
      // Staff above a county choose one first: their subtree's counties come back instead of places.
      if (r.counties.length) setCounties(r.counties)
      return r
    },
    [month, countyCode]
  )
  const [importing, setImporting] = useState({ text: '', busy: false, result: null as string | null })
  const admin = me.data?.role === 'admin'

  const doImport = async () => {
    const parsed = parsePlaces(importing.text)
    if (!parsed.ok) return setImporting((s) => ({ ...s, result: parsed.message }))
    setImporting((s) => ({ ...s, busy: true, result: null }))
    try {
      const r = await callCloud('places', 'import', { places: parsed.places })
      setImporting({ text: '', busy: false, result: `已导入 ${r.saved} 个村（社区）` })
    } catch (err) {
      setImporting((s) => ({ ...s, busy: false, result: toCloudError(err).message }))
    }
  }

  return (
    <View className='jdq-page'>
      <PlacesView
        months={months}
        month={month}
        onMonth={(m) => {
          list.setItems(() => [])
          setMonth(m)
        }}
        counties={counties}
        countyCode={countyCode}
        onCounty={(c) => {
          list.setItems(() => [])
          setCountyCode(c)
        }}
        {...list.view}
        importing={admin ? importing : null}
        onImportText={(text) => setImporting((s) => ({ ...s, text }))}
        onImport={() => void doImport()}
      />
    </View>
  )
}
