export default definePageConfig({
  navigationBarTitleText: '调查问卷',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
