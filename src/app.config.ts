export default defineAppConfig({
  pages: ['pages/index/index', 'pages/checkin/index'],
  subPackages: [
    {
      root: 'cadre',
      pages: ['pages/visits/index', 'pages/visit/index', 'pages/calendar/index', 'pages/households/index', 'pages/lianglian/index']
    },
    {
      root: 'manager',
      pages: ['pages/index/index', 'pages/review/index']
    }
  ],
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
