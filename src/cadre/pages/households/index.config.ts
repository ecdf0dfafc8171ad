export default definePageConfig({
  navigationBarTitleText: '五必访',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
