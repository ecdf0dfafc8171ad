/**
 * Facts for the reminder configuration test: per kind an ordinary case and one with over-long user text. Kept apart
 * from types/reminders.ts, which the main package loads: test data has no place in its 450 KB.
 */
import type { KindFacts, ReminderKind } from './reminders'

export const reminderSamples: { [K in ReminderKind]: KindFacts[K][] } = {
  pace: [
    { cadreName: '张三', days: 12, expected: 40, target: 90 },
    { cadreName: '欧阳娜娜娜娜娜娜娜娜娜娜', days: 0, expected: 89, target: 90 }
  ],
  demandDue: [
    { demandId: 'd1', title: '村口路灯坏了', deadline: '2026-03-02T10:00:00Z', overdue: false, cadreName: '张三' },
    {
      demandId: 'd2',
      title: '希望协调解决小区老旧管网改造和冬季供暖不热的问题，已经反映过多次',
      deadline: '2026-12-31T15:59:00Z',
      overdue: false,
      cadreName: '李四'
    }
  ],
  demandOverdue: [
    { demandId: 'd1', title: '村口路灯坏了', deadline: '2026-03-02T10:00:00Z', overdue: true, cadreName: '张三' },
    {
      demandId: 'd2',
      title: '希望协调解决小区老旧管网改造和冬季供暖不热的问题',
      deadline: '2026-12-31T16:30:00Z',
      overdue: true,
      cadreName: '阿依古丽·买买提·艾力',
      forManager: true
    }
  ],
  badReviewFollowUp: [
    { caseId: 'case_r1', cadreName: '张三', at: '2026-03-01T16:10:00Z' },
    { caseId: 'case_r2', cadreName: '阿依古丽·买买提·艾力·阿不都热合曼', at: '2026-03-01T16:10:00Z' }
  ],
  demandDone: [
    { demandId: 'd1', scene: 'Pab12cd34ef', text: '村口路灯坏了', cadreName: '张三', at: '2026-03-01T03:00:00Z' },
    {
      demandId: 'd2',
      scene: 'Vab12cd34ef',
      text: '希望协调解决小区老旧管网改造和冬季供暖不热的问题，已经反映过多次',
      cadreName: '阿依古丽·买买提·艾力·阿不都热合曼',
      at: '2026-03-01T15:59:00Z'
    }
  ],
  fixDone: [
    { caseId: 'case_r1', scene: 'vab12cd34ef', result: '已换好路灯', cadreName: '张三', at: '2026-03-05T03:00:00Z' },
    {
      caseId: 'case_r2',
      scene: 'vab12cd34eg',
      result: '已协调物业和供热公司，对小区老旧管网进行了全面检修并加装了保温层',
      cadreName: '阿依古丽·买买提·艾力·阿不都热合曼',
      at: '2026-03-05T15:59:00Z'
    }
  ],
  rateInvite: [
    { scene: 'Vab12cd34ef', serviceName: '东关大街社区走访', cadreName: '张三', at: '2026-03-01T03:00:00Z' },
    {
      scene: 'Vab12cd34eg',
      serviceName: '湟中区鲁沙尔镇阳坡村困难群众上门走访慰问及政策宣讲',
      cadreName: '阿依古丽·买买提·艾力·阿不都热合曼',
      at: '2026-03-01T03:00:00Z'
    }
  ],
  monthlySummary: [
    { orgName: '城东区妇联', month: '2026-02', cadres: 12, behind: 3, visits: 41 },
    { orgName: '海西蒙古族藏族自治州总工会格尔木市分会', month: '2026-12', cadres: 12000, behind: 10000, visits: 1234567 }
  ],
  workReviewed: [
    {
      reviewId: 'rv1',
      cadreName: '张三',
      reviewerName: '李主席',
      action: 'comment',
      targetKind: 'diary',
      title: '今天走访了三户',
      comment: '写得实，继续跟进用水问题'
    },
    {
      reviewId: 'rv2',
      cadreName: '阿依古丽·买买提',
      reviewerName: '欧阳娜娜娜娜娜娜娜娜娜',
      action: 'adopt',
      targetKind: 'report',
      title: '关于湟中区鲁沙尔镇留守儿童课后托管情况的调研报告',
      comment: '建议在各村设立课后托管点，由妇联牵头协调学校和村委会共同推进'
    }
  ]
}
