import { Text, View } from '@tarojs/components'
import type { Landing } from '../../../types/service'
import { demandStatusLabels, demandAreas, ratingLevels, type RatingLevel } from '../../../types/labels'
import { isBadLevel, tagsByLevel } from '../../../types/rules/service'
import { BigButton } from '../../components/BigButton'
import { Chips, optionsOf } from '../../components/Chips'
import { Field, TextArea, TextInput } from '../../components/Field'
import { Card, ErrorView, LoadingView } from '../../components/StateViews'
import type { CloudState } from '../../hooks/useCloud'
import type { RateForm, RateTarget, ReportForm } from './form'
import './index.scss'

/** After reporting a problem, `notify` offers a WeChat message when it is answered: ask → (tap) → on. */
export type RateStep =
  | { kind: 'home' }
  | { kind: 'rate'; target: RateTarget }
  | { kind: 'report' }
  | { kind: 'thanks'; message: string; notify?: 'ask' | 'asking' | 'on' }

export interface RateViewProps {
  landing: CloudState<Landing>
  onRetry: () => void
  step: RateStep
  onStep: (step: RateStep) => void
  rate: RateForm
  onLevel: (level: RatingLevel) => void
  onTag: (tag: string) => void
  onRate: (update: (f: RateForm) => RateForm) => void
  report: ReportForm
  onReport: (update: (f: ReportForm) => ReportForm) => void
  onSubmit: () => void
  submitting: boolean
  /** The resident's tap on 有结果时用微信通知我 (subscribe-message consent, keyed by their openid). */
  onNotify?: () => void
  error: string | null
}

const levelOrder = ratingLevels.ids

/** 群众点评 landing: who came, from which organisation, when; rate it, report a problem, thanks. */
export function RateView(p: RateViewProps) {
  const l = p.landing.data
  if (!l) {
    if (p.landing.error) return <ErrorView message={p.landing.error.message} onRetry={p.onRetry} retrying={p.landing.loading} />
    return <LoadingView />
  }
  return (
    <View data-testid='rate-page'>
      <Card testId='visit-card'>
        <Text className='rate-who' data-testid='cadre-name'>{l.cadreName}</Text>
        <Text className='rate-line' data-testid='org-name'>{l.orgName}</Text>
        {l.pointName ? <Text className='rate-line'>{l.pointName}</Text> : null}
        {l.date ? (
          <Text className='rate-line' data-testid='visit-date'>
            {l.kind === 'demand' ? '答复日期' : '走访日期'}：{l.date}
          </Text>
        ) : null}
      </Card>
      {p.step.kind === 'thanks' ? <Thanks message={p.step.message} notify={p.step.notify} onNotify={p.onNotify} onBack={() => p.onStep({ kind: 'home' })} /> : null}
      {p.step.kind === 'home' ? <Home l={l} onStep={p.onStep} /> : null}
      {p.step.kind === 'rate' ? <RatingForm {...p} target={p.step.target} fix={l.fix?.result ?? null} /> : null}
      {p.step.kind === 'report' ? <ReportFormView {...p} /> : null}
    </View>
  )
}

function Home({ l, onStep }: { l: Landing; onStep: (s: RateStep) => void }) {
  return (
    <View>
      {l.canRate ? (
        <View className='rate-entry'>
          <BigButton onClick={() => onStep({ kind: 'rate', target: { about: 'service' } })} testId='start-rate'>
            {l.kind === 'demand' ? '评价这件事办得怎么样' : '评价这次走访'}
          </BigButton>
          <Text className='rate-hint'>实名但保密：干部看不到是谁评的。{l.windowEndsAt ? `请在 ${l.windowEndsAt.slice(0, 10)} 前评价。` : ''}</Text>
        </View>
      ) : (
        <View className='jdq-banner' data-testid='rate-blocked'>
          <Text>{l.myRating ? `您的评价：${ratingLevels.labels[l.myRating.level]}。` : ''}{l.rateBlocked}</Text>
        </View>
      )}
      {l.fix ? (
        <Card title='整改结果' testId='fix'>
          <Text className='rate-line'>{l.fix.result}</Text>
          {l.fix.canRate ? (
            <BigButton onClick={() => onStep({ kind: 'rate', target: { about: 'fix' } })} testId='rate-fix'>
              评价整改结果
            </BigButton>
          ) : (
            <Text className='rate-hint'>{l.fix.rated ? '您已评价过整改结果，谢谢！' : ''}</Text>
          )}
        </Card>
      ) : null}
      {l.myDemands.length > 0 ? (
        <Card title='我反映的问题' testId='my-demands'>
          {l.myDemands.map((d) => (
            <View className='jdq-row' key={d.id} data-testid='my-demand'>
              <View className='jdq-row__head'>
                <Text className='jdq-row__title'>{demandAreas.labels[d.area]}</Text>
                <Text className='jdq-tag jdq-tag--plain'>{demandStatusLabels[d.status]}</Text>
              </View>
              {d.reply ? <Text className='jdq-row__line'>答复：{d.reply}</Text> : null}
              {d.canRate ? (
                <BigButton kind='plain' onClick={() => onStep({ kind: 'rate', target: { about: 'demand', demandId: d.id } })} testId='rate-demand'>
                  评价办理结果
                </BigButton>
              ) : null}
            </View>
          ))}
        </Card>
      ) : null}
      {l.canReport ? (
        <View className='rate-entry'>
          <BigButton kind='plain' onClick={() => onStep({ kind: 'report' })} testId='start-report'>
            反映问题
          </BigButton>
          <Text className='rate-hint'>不用注册。办理进度和结果，再扫这个码就能看到。</Text>
        </View>
      ) : null}
    </View>
  )
}

function RatingForm(p: RateViewProps & { target: RateTarget; fix: string | null }) {
  const level = p.rate.level
  const title = p.target.about === 'fix' ? '您对整改结果满意吗？' : p.target.about === 'demand' ? '您对办理结果满意吗？' : '您对这次服务满意吗？'
  return (
    <Card title={title} testId='rate-form'>
      <View className='rate-levels'>
        {levelOrder.map((id) => (
          <View
            key={id}
            className={`rate-level${level === id ? ' rate-level--on' : ''}${isBadLevel(id) ? ' rate-level--bad' : ''}`}
            data-testid={`level-${id}`}
            data-selected={level === id ? 'true' : 'false'}
            onClick={() => p.onLevel(id)}
          >
            <Text>{ratingLevels.labels[id]}</Text>
          </View>
        ))}
      </View>
      {level ? (
        <Field label={isBadLevel(level) ? '哪里不满意（至少选一项）' : '哪里做得好（可选）'} testId='tags'>
          <View className='jdq-chips'>
            {tagsByLevel[level].map((t) => (
              <View key={t} className={`jdq-chip${p.rate.tags.includes(t) ? ' jdq-chip--on' : ''}`} data-testid={`tag-${t}`} onClick={() => p.onTag(t)}>
                <Text>{t}</Text>
              </View>
            ))}
          </View>
        </Field>
      ) : null}
      {level ? (
        <Field label='想说的话（可选）'>
          <TextArea value={p.rate.comment} onChange={(v) => p.onRate((f) => ({ ...f, comment: v }))} maxlength={300} placeholder='可以不填' testId='comment' />
        </Field>
      ) : null}
      {level && isBadLevel(level) && p.target.about !== 'fix' ? (
        <Field label='您的电话（可选）' hint='留下电话，管理员会在 1 个工作日内回访您；只有管理员能看到。'>
          <TextInput value={p.rate.phone} onChange={(v) => p.onRate((f) => ({ ...f, phone: v }))} type='number' maxlength={13} testId='phone' />
        </Field>
      ) : null}
      {p.error ? <View className='jdq-banner jdq-banner--bad' data-testid='submit-error'><Text>{p.error}</Text></View> : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='submit-rating'>
        提交评价
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onStep({ kind: 'home' })} testId='cancel'>
        返回
      </BigButton>
    </Card>
  )
}

function ReportFormView(p: RateViewProps) {
  return (
    <Card title='反映问题' testId='report-form'>
      <Field label='是哪方面的问题'>
        <Chips options={optionsOf(demandAreas.labels)} value={p.report.area} onChange={(area) => p.onReport((f) => ({ ...f, area }))} testId='area' />
      </Field>
      <Field label='说一说遇到的困难'>
        <TextArea value={p.report.text} onChange={(v) => p.onReport((f) => ({ ...f, text: v }))} maxlength={500} testId='report-text' />
      </Field>
      <Field label='您的电话（可选）' hint='方便干部联系您，只有负责的干部和管理员能看到。'>
        <TextInput value={p.report.phone} onChange={(v) => p.onReport((f) => ({ ...f, phone: v }))} type='number' maxlength={13} testId='report-phone' />
      </Field>
      {p.error ? <View className='jdq-banner jdq-banner--bad' data-testid='submit-error'><Text>{p.error}</Text></View> : null}
      <BigButton onClick={p.onSubmit} loading={p.submitting} testId='submit-report'>
        提交
      </BigButton>
      <BigButton kind='plain' onClick={() => p.onStep({ kind: 'home' })} testId='cancel'>
        返回
      </BigButton>
    </Card>
  )
}

function Thanks({ message, notify, onNotify, onBack }: { message: string; notify?: 'ask' | 'asking' | 'on'; onNotify?: () => void; onBack: () => void }) {
  return (
    <Card testId='thanks'>
      <Text className='rate-thanks'>{message}</Text>
      {notify === 'on' ? (
        <Text className='rate-thanks' data-testid='notify-on'>
          好的，有结果时会用微信通知您，请您确认并评价。
        </Text>
      ) : notify && onNotify ? (
        <BigButton onClick={onNotify} testId='notify-me' loading={notify === 'asking'}>
          有结果时用微信通知我
        </BigButton>
      ) : null}
      <BigButton kind='plain' onClick={onBack} testId='back'>
        返回
      </BigButton>
    </Card>
  )
}
