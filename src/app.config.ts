export default defineAppConfig({
  pages: ['pages/index/index', 'pages/checkin/index', 'pages/rate/index'],
  subPackages: [
    {
      root: 'cadre',
      pages: [
        'pages/visits/index',
        'pages/visit/index',
        'pages/calendar/index',
        'pages/households/index',
        'pages/lianglian/index',
        'pages/diary/index',
        'pages/diary-edit/index',
        'pages/reports/index',
        'pages/ledger/index',
        'pages/demand/index',
        'pages/ratings/index',
        'pages/qr/index',
        'pages/outcomes/index',
        'pages/exemplars/index',
        'pages/periods/index',
        'pages/outbox/index'
      ]
    },
    {
      // 调查问卷 for residents (opened by a survey's code) and the author's paper entry: the same answer form.
      root: 'survey',
      pages: ['pages/answer/index', 'pages/paper/index']
    },
    {
      // 调查问卷, 一户一册, 三问, 批阅, the packs and the village view, for cadres and managers.
      root: 'work',
      pages: [
        'pages/index/index',
        'pages/surveys/index',
        'pages/survey-edit/index',
        'pages/survey/index',
        'pages/book/index',
        'pages/voices/index',
        'pages/reviews/index',
        'pages/pack/index',
        'pages/places/index'
      ]
    },
    {
      root: 'reminders',
      pages: ['pages/index/index']
    },
    {
      root: 'account',
      pages: ['pages/join/index', 'pages/feedback/index']
    },
    {
      root: 'manager',
      pages: [
        'pages/index/index',
        'pages/review/index',
        'pages/cases/index',
        'pages/cadres/index',
        'pages/point/index',
        'pages/org/index',
        'pages/rules/index',
        'pages/feedback/index',
        'pages/dashboard/index',
        'pages/reconcile/index',
        'pages/exports/index',
        'pages/exemplar-pick/index',
        'pages/rankings/index',
        'pages/honours/index',
        'pages/holidays/index',
        'pages/held/index'
      ]
    }
  ],
  // 代码质量: inject only the components a page uses. The cadre's and the manager's subpackages come down with the
  // home page: a cadre may lose signal before opening any 干部 page, and neither waits for a download on the first tap.
  lazyCodeLoading: 'requiredComponents',
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['cadre', 'manager'] }
  },
  window: {
    navigationBarTitleText: '接地气',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f4f1',
    backgroundTextStyle: 'dark'
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于走访打卡时确认您在联系点附近' }
  },
  __usePrivacyCheck__: true
})
