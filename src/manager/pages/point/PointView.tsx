import { Text, View } from '@tarojs/components'
import { PointFields, type CadreRef, type LiaisonOverview, type LiaisonPoint } from '@/types/points'
import { fourInto, type FourInto } from '@/types/labels'
import { MAX_RADIUS_M, MIN_RADIUS_M } from '@/types/rules/check-in'
import { BigButton } from '@/src/components/BigButton'
import { Chips, optionsOf } from '@/src/components/Chips'
import { Field, TextInput } from '@/src/components/Field'
import { ListFooter } from '@/src/components/ListFooter'
import { Card, EmptyView, ErrorView, LoadingView } from '@/src/components/StateViews'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'
import './index.scss'

/** The form as typed: numbers stay text until checked, so a half-typed "36." is not lost. */
export interface PointDraft {
  name: string
  kind: FourInto | null
  address: string
  lat: string
  lng: string
  radius: string
  /** Whom the point is (to be) assigned to. */
  cadreId: string
}

export type PointInput = { name: string; kind: FourInto; address: string; location: { lat: number; lng: number }; radiusM?: number }

export const newPointDraft = (cadreId: string): PointDraft => ({ name: '', kind: null, address: '', lat: '', lng: '', radius: '', cadreId })

export const draftOf = (pt: LiaisonPoint): PointDraft => ({
  name: pt.name,
  kind: pt.kind,
  address: pt.address,
  lat: String(pt.location.lat),
  lng: String(pt.location.lng),
  radius: String(pt.radiusM),
  cadreId: pt.cadreId
})

/**
 * Checks the draft with the server's own rules (PointFields). Either the fields to send or the first thing
 * wrong, in words. `mapPicker`: the location comes from 在地图上选点 (weapp) rather than typed numbers (h5).
 */
export function checkPoint(d: PointDraft, mapPicker: boolean): { ok: true; fields: PointInput } | { ok: false; message: string } {
  const lat = d.lat.trim()
  const lng = d.lng.trim()
  const radius = d.radius.trim()
  const hasLocation = lat !== '' && lng !== ''
  // Left blank: the server applies the unit's default (制度: checkInRadiusM), or keeps an edited point's fence.
  const radiusM = radius === '' ? undefined : Number(radius)
  const parsed = PointFields.safeParse({
    name: d.name,
    kind: d.kind ?? undefined,
    address: d.address,
    location: hasLocation ? { lat: Number(lat), lng: Number(lng) } : undefined,
    radiusM
  })
  if (parsed.success) return { ok: true, fields: parsed.data }
  const issue = parsed.error.issues[0]
  const field = issue?.path[0]
  let message = issue?.message ?? '填写的内容不对，请检查'
  if (field === 'kind') message = '请选择联系点类别（四进）'
  else if (field === 'location' && !hasLocation) message = mapPicker ? '请点“在地图上选点”选择联系点的位置' : '请填写联系点的纬度和经度'
  else if (field === 'location' && issue?.path[1] === 'lat' && !Number.isFinite(Number(lat))) message = '纬度应为数字'
  else if (field === 'location' && issue?.path[1] === 'lng' && !Number.isFinite(Number(lng))) message = '经度应为数字'
  else if (field === 'radiusM' && !Number.isFinite(radiusM ?? 0)) message = '打卡范围应为数字（米）'
  return { ok: false, message }
}

export interface ReassignProps {
  /** The cadre list is shown (改派给其他干部). */
  open: boolean
  onOpen: () => void
  list: PagedState<CadreRef>
  onRetry: () => void
  onMore: () => void
}

export interface PointViewProps {
  /** Edit an existing point (pointId) or create one for the cadre. */
  pointId: string | null
  /** The cadre's 两联 (`points.overview`): their name and, when editing, the point. */
  source: Pick<CloudState<LiaisonOverview>, 'loading' | 'error' | 'data'>
  onRetry: () => void
  draft: PointDraft | null
  onDraft: (d: PointDraft) => void
  /** weapp: 在地图上选点 (wx.chooseLocation); h5: two number fields. */
  mapPicker: boolean
  onPickLocation: () => void
  /** The place picked on the map, shown under the button. */
  pickedPlace?: string | null
  formError: string | null
  saving: boolean
  onSave: () => void
  reassign?: ReassignProps
}

/** One liaison point: new for a cadre, or edit / reassign an existing one. */
export function PointView(p: PointViewProps) {
  if (!p.source.data) {
    if (p.source.error) return <ErrorView error={p.source.error} onRetry={p.onRetry} retrying={p.source.loading} />
    return <LoadingView />
  }
  const o = p.source.data
  if (p.pointId && !o.points.some((pt) => pt.id === p.pointId)) {
    return <EmptyView title='找不到这个联系点' hint={`它可能已经改派给其他干部，不在${o.cadre.name}的联系点里了。请返回后下拉刷新。`} />
  }
  const d = p.draft
  if (!d) return <LoadingView />
  const set = (patch: Partial<PointDraft>) => p.onDraft({ ...d, ...patch })
  const hasLocation = d.lat.trim() !== '' && d.lng.trim() !== ''
  return (
    <View data-testid='point-form'>
      <Card testId='point-cadre'>
        <Text className='point-cadre'>
          {p.pointId ? '修改' : '新增'}
          {o.cadre.name}的联系点
        </Text>
        {o.cadre.title ? <Text className='jdq-text'>{o.cadre.title}</Text> : null}
      </Card>
      <Card>
        <Field label='联系点名称' hint='例如：东关大街社区、城东区实验小学'>
          <TextInput value={d.name} onChange={(name) => set({ name })} maxlength={50} testId='point-name' />
        </Field>
        <Field label='类别（四进）'>
          <Chips options={optionsOf(fourInto.labels)} value={d.kind} onChange={(kind) => set({ kind })} testId='point-kind' />
        </Field>
        <Field label='地址'>
          <TextInput value={d.address} onChange={(address) => set({ address })} maxlength={100} testId='point-address' />
        </Field>
        {p.mapPicker ? (
          <Field label='位置' hint='干部打卡时，以这个位置为中心判断是否在联系点附近。'>
            {hasLocation ? (
              <View className='point-picked' data-testid='point-picked'>
                {p.pickedPlace ? <Text className='point-picked__place'>{p.pickedPlace}</Text> : null}
                <Text className='jdq-text'>
                  已选位置：纬度 {d.lat}，经度 {d.lng}
                </Text>
              </View>
            ) : (
              <Text className='jdq-text'>还没有选位置。</Text>
            )}
            <BigButton kind={hasLocation ? 'plain' : 'primary'} onClick={p.onPickLocation} testId='pick-location'>
              {hasLocation ? '重新在地图上选点' : '在地图上选点'}
            </BigButton>
          </Field>
        ) : (
          <Field
            label='位置（纬度、经度）'
            hint='坐标请用 GCJ-02（国测局坐标），与微信地图、腾讯地图上取到的一致；GPS 原始坐标会偏差几百米。'
            testId='point-coords'
          >
            <Text className='point-coord__label'>纬度</Text>
            <TextInput value={d.lat} onChange={(lat) => set({ lat })} type='digit' maxlength={20} placeholder='例如 36.6171' testId='point-lat' />
            <Text className='point-coord__label'>经度</Text>
            <TextInput value={d.lng} onChange={(lng) => set({ lng })} type='digit' maxlength={20} placeholder='例如 101.7949' testId='point-lng' />
          </Field>
        )}
        <Field label='打卡范围（米）' hint={`在这个距离以内打卡算到了联系点。可填 ${MIN_RADIUS_M} 到 ${MAX_RADIUS_M}；不填就用本单位定的范围。`}>
          <TextInput value={d.radius} onChange={(radius) => set({ radius })} type='number' maxlength={4} placeholder='不填用单位默认' testId='point-radius' />
        </Field>
      </Card>
      {p.reassign ? <Reassign {...p.reassign} current={o.cadre} chosen={d.cadreId} onChoose={(cadreId) => set({ cadreId })} /> : null}
      {p.formError ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='point-error'>
          <Text>{p.formError}</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onSave} loading={p.saving} testId='save-point'>
          保存
        </BigButton>
      </View>
    </View>
  )
}

function Reassign(r: ReassignProps & { current: CadreRef; chosen: string; onChoose: (cadreId: string) => void }) {
  if (!r.open) {
    return (
      <View className='jdq-actions'>
        <BigButton kind='plain' onClick={r.onOpen} testId='open-reassign'>
          改派给其他干部
        </BigButton>
      </View>
    )
  }
  const { list } = r
  return (
    <Card title='改派给' testId='reassign'>
      <Text className='jdq-text'>现在属于：{r.current.name}。点选要改派的干部，再点“保存”。</Text>
      {!list.loaded ? (
        list.error ? (
          <ErrorView error={list.error} onRetry={r.onRetry} retrying={list.loading} />
        ) : (
          <LoadingView />
        )
      ) : (
        <>
          {list.items.map((c) => (
            <View
              key={c.id}
              className={`jdq-row point-cadre-option${c.id === r.chosen ? ' point-cadre-option--on' : ''}`}
              data-testid={`reassign-${c.id}`}
              data-selected={c.id === r.chosen ? 'true' : 'false'}
              onClick={() => r.onChoose(c.id)}
            >
              <Text className='jdq-row__title'>
                {c.id === r.chosen ? '● ' : '○ '}
                {c.name}
                {c.id === r.current.id ? '（现在的）' : ''}
              </Text>
              {c.title ? <Text className='jdq-row__line'>{c.title}</Text> : null}
            </View>
          ))}
          <ListFooter list={list} onMore={r.onMore} />
        </>
      )}
    </Card>
  )
}
