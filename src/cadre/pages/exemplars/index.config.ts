export default definePageConfig({
  navigationBarTitleText: '典型引路',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
