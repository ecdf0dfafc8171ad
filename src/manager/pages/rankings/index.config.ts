export default definePageConfig({
  navigationBarTitleText: '成效排行',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
