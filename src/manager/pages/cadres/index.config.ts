export default definePageConfig({
  navigationBarTitleText: '干部和联系点',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
