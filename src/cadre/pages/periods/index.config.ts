export default definePageConfig({
  navigationBarTitleText: '请假和蹲点',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
