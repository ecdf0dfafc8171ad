export default definePageConfig({
  navigationBarTitleText: '设为典型',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
