export default definePageConfig({
  navigationBarTitleText: '群众评价',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
