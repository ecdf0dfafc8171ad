export default definePageConfig({
  navigationBarTitleText: '群众诉求台账',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
