export default definePageConfig({
  navigationBarTitleText: '投诉建议处理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
