export default definePageConfig({
  navigationBarTitleText: '制度设置',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
