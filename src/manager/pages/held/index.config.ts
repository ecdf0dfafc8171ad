export default definePageConfig({
  navigationBarTitleText: '待审核的评价',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
