/**
 * Starter questionnaires shipped with the app, one per way of listening the campaign names: 问需于民 (what people
 * need, in the areas the campaign lists: 生产、生活、就业、住房、上学、医疗), 问计于民 (their advice) and a 满意度 survey
 * of the cadres' work. Authors change them freely; a manager can also push their own template down the tree.
 */
import type { SurveyTemplate } from '../surveys'

export const starterTemplates: SurveyTemplate[] = [
  {
    id: 'starter-needs',
    source: 'starter',
    title: '群众需求调查',
    purpose: 'needs',
    intro: '想听听您家里最需要帮什么忙。不用写名字，只需几分钟。',
    questions: [
      {
        kind: 'multi',
        text: '您家目前在哪些方面最需要帮助？（可多选）',
        required: true,
        options: [{ label: '生产' }, { label: '生活' }, { label: '就业' }, { label: '住房' }, { label: '上学' }, { label: '医疗' }, { label: '其他' }]
      },
      {
        kind: 'single',
        text: '其中最着急的一件是？',
        required: true,
        options: [{ label: '生产' }, { label: '生活' }, { label: '就业' }, { label: '住房' }, { label: '上学' }, { label: '医疗' }, { label: '其他' }]
      },
      { kind: 'text', text: '请简单说说最需要解决的困难', required: false, options: [] }
    ],
    orgName: null,
    pushedAt: null
  },
  {
    id: 'starter-advice',
    source: 'starter',
    title: '群众意见建议征集',
    purpose: 'advice',
    intro: '您对村（社区）的发展有什么好主意？欢迎出主意、提建议。',
    questions: [
      {
        kind: 'single',
        text: '您觉得村（社区）下一步最该先办哪件事？',
        required: true,
        options: [
          { label: '修路和公共设施' },
          { label: '增加就业和收入' },
          { label: '教育和托育' },
          { label: '看病和养老' },
          { label: '环境卫生' },
          { label: '其他' }
        ]
      },
      { kind: 'text', text: '您的具体建议', required: true, options: [] },
      { kind: 'single', text: '如果需要，您愿意参与吗？', required: false, options: [{ label: '愿意' }, { label: '看情况' }, { label: '不方便' }] }
    ],
    orgName: null,
    pushedAt: null
  },
  {
    id: 'starter-satisfaction',
    source: 'starter',
    title: '群众满意度调查',
    purpose: 'satisfaction',
    intro: '请为我们的工作打分，1 分最低、5 分最高。不记名，请如实评价。',
    questions: [
      { kind: 'scale', text: '干部联系群众、上门走访的情况', required: true, options: [], lowLabel: '很不满意', highLabel: '很满意' },
      { kind: 'scale', text: '反映的问题办理得怎么样', required: true, options: [], lowLabel: '很不满意', highLabel: '很满意' },
      { kind: 'scale', text: '政策宣传讲得清不清楚', required: true, options: [], lowLabel: '很不清楚', highLabel: '很清楚' },
      { kind: 'text', text: '还有什么意见或建议', required: false, options: [] }
    ],
    orgName: null,
    pushedAt: null
  }
]
