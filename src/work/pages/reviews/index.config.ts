export default definePageConfig({
  navigationBarTitleText: '批阅',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
