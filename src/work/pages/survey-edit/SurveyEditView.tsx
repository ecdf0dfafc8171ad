import { Text, View } from '@tarojs/components'
import { questionKinds, surveyPurposes, type QuestionKind, type SurveyPurpose } from '@/types/surveys'
import { BigButton } from '@/src/components/BigButton'
import { Chips, optionsOf } from '@/src/components/Chips'
import { Field, TextArea, TextInput } from '@/src/components/Field'
import { Card, ErrorView, LoadingView } from '@/src/components/StateViews'
import { blankQuestion, moveQuestion, type QuestionDraft, type SurveyDraft } from './draft'
import './index.scss'

export interface SurveyEditViewProps {
  /** null while an existing draft loads. */
  draft: SurveyDraft | null
  loadError: string | null
  onRetry: () => void
  /** An existing draft that is not the caller's: shown, not editable. */
  readOnly: boolean
  onDraft: (update: (d: SurveyDraft) => SurveyDraft) => void
  onSave: () => void
  onPublish: () => void
  /** Managers: send these questions as a template to everyone below. */
  onPush?: () => void
  busy: 'save' | 'publish' | 'push' | null
  error: string | null
}

const kindOptions = optionsOf(questionKinds)
const purposeOptions = optionsOf(surveyPurposes)

/** The questionnaire editor: title, purpose, questions of four kinds; Tibetan beside the Chinese when wanted. */
export function SurveyEditView(p: SurveyEditViewProps) {
  const d = p.draft
  if (!d) return p.loadError ? <ErrorView error={{ message: p.loadError }} onRetry={p.onRetry} /> : <LoadingView />
  if (p.readOnly) {
    return (
      <Card title={d.title} testId='read-only'>
        <Text className='jdq-text'>这是别人起草的问卷，只有发起人可以修改和发布。</Text>
      </Card>
    )
  }
  const set = (patch: Partial<SurveyDraft>) => p.onDraft((x) => ({ ...x, ...patch }))
  const setQ = (i: number, patch: Partial<QuestionDraft>) =>
    p.onDraft((x) => ({ ...x, questions: x.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }))
  return (
    <View data-testid='survey-edit'>
      <Card testId='edit-head'>
        <Field label='问卷标题'>
          <TextInput value={d.title} onChange={(title) => set({ title })} maxlength={40} testId='edit-title' />
        </Field>
        <Field label='用途'>
          <Chips options={purposeOptions} value={d.purpose} onChange={(purpose: SurveyPurpose) => set({ purpose })} testId='edit-purpose' />
        </Field>
        <Field label='说明（可不填）' hint='告诉群众为什么问、怎么填、不记名'>
          <TextArea value={d.intro} onChange={(intro) => set({ intro })} maxlength={300} testId='edit-intro' />
        </Field>
        <Field label='截止日期（可不填）' hint='格式 2026-03-31；不填则由您手动结束'>
          <TextInput value={d.closesOn} onChange={(closesOn) => set({ closesOn: closesOn.trim() })} maxlength={10} testId='edit-closes' />
        </Field>
        <Chips
          options={[
            { value: 'zh', label: '只用中文' },
            { value: 'bo', label: '同时填写藏文' }
          ]}
          value={d.bo ? 'bo' : 'zh'}
          onChange={(v) => set({ bo: v === 'bo' })}
          testId='edit-bo'
        />
        {d.bo ? (
          <Field label='藏文标题'>
            <TextInput value={d.titleBo} onChange={(titleBo) => set({ titleBo })} maxlength={80} testId='edit-title-bo' />
          </Field>
        ) : null}
      </Card>
      {d.questions.map((q, i) => (
        <Card key={i} title={`第 ${i + 1} 题`} testId={`edit-q${i + 1}`}>
          <Chips
            options={kindOptions}
            value={q.kind}
            onChange={(kind: QuestionKind) =>
              setQ(i, {
                ...blankQuestion(kind),
                text: q.text,
                textBo: q.textBo,
                options: kind === 'single' || kind === 'multi' ? (q.options.length ? q.options : blankQuestion(kind).options) : []
              })
            }
            testId={`q${i + 1}-kind`}
          />
          <Field label='题目'>
            <TextInput value={q.text} onChange={(text) => setQ(i, { text })} maxlength={100} testId={`q${i + 1}-text`} />
          </Field>
          {d.bo ? (
            <Field label='藏文题目'>
              <TextInput value={q.textBo} onChange={(textBo) => setQ(i, { textBo })} maxlength={200} testId={`q${i + 1}-text-bo`} />
            </Field>
          ) : null}
          <Chips
            options={[
              { value: 'yes', label: '必答' },
              { value: 'no', label: '选答' }
            ]}
            value={q.required ? 'yes' : 'no'}
            onChange={(v) => setQ(i, { required: v === 'yes' })}
            testId={`q${i + 1}-required`}
          />
          {q.kind === 'single' || q.kind === 'multi'
            ? q.options.map((o, k) => (
                <View key={k} className='se-option'>
                  <TextInput
                    value={o.label}
                    onChange={(label) => setQ(i, { options: q.options.map((x, m) => (m === k ? { ...x, label } : x)) })}
                    maxlength={40}
                    placeholder={`选项 ${k + 1}`}
                    testId={`q${i + 1}-o${k + 1}`}
                  />
                  {d.bo ? (
                    <TextInput
                      value={o.labelBo}
                      onChange={(labelBo) => setQ(i, { options: q.options.map((x, m) => (m === k ? { ...x, labelBo } : x)) })}
                      maxlength={80}
                      placeholder='藏文选项'
                    />
                  ) : null}
                  {q.options.length > 2 ? (
                    <Text
                      className='jdq-link'
                      data-testid={`q${i + 1}-o${k + 1}-remove`}
                      onClick={() => setQ(i, { options: q.options.filter((_, m) => m !== k) })}
                    >
                      删除这个选项
                    </Text>
                  ) : null}
                </View>
              ))
            : null}
          {(q.kind === 'single' || q.kind === 'multi') && q.options.length < 10 ? (
            <Text className='jdq-link' data-testid={`q${i + 1}-add-option`} onClick={() => setQ(i, { options: [...q.options, { label: '', labelBo: '' }] })}>
              ＋ 加一个选项
            </Text>
          ) : null}
          {q.kind === 'scale' ? <Text className='jdq-hint'>群众从 1 到 5 打分，1 分最低，5 分最高。</Text> : null}
          <View className='se-tools'>
            <Text className='jdq-link' onClick={() => p.onDraft((x) => moveQuestion(x, i, -1))}>
              上移
            </Text>
            <Text className='jdq-link' onClick={() => p.onDraft((x) => moveQuestion(x, i, 1))}>
              下移
            </Text>
            {d.questions.length > 1 ? (
              <Text
                className='jdq-link'
                data-testid={`q${i + 1}-remove`}
                onClick={() => p.onDraft((x) => ({ ...x, questions: x.questions.filter((_, j) => j !== i) }))}
              >
                删除这道题
              </Text>
            ) : null}
          </View>
        </Card>
      ))}
      {d.questions.length < 20 ? (
        <View className='jdq-actions'>
          <BigButton kind='plain' onClick={() => p.onDraft((x) => ({ ...x, questions: [...x.questions, blankQuestion('single')] }))} testId='add-question'>
            ＋ 加一道题
          </BigButton>
        </View>
      ) : null}
      {p.error ? (
        <View className='jdq-banner jdq-banner--bad' data-testid='edit-error'>
          <Text>{p.error}</Text>
        </View>
      ) : null}
      <View className='jdq-actions'>
        <BigButton onClick={p.onPublish} loading={p.busy === 'publish'} testId='publish'>
          发布问卷（发布后题目不能再改）
        </BigButton>
        <View className='jdq-gap' />
        <BigButton kind='plain' onClick={p.onSave} loading={p.busy === 'save'} testId='save-draft'>
          保存草稿
        </BigButton>
        {p.onPush ? (
          <>
            <View className='jdq-gap' />
            <BigButton kind='plain' onClick={p.onPush} loading={p.busy === 'push'} testId='push-template'>
              作为模板下发给下级
            </BigButton>
          </>
        ) : null}
      </View>
    </View>
  )
}
