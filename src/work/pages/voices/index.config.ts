export default definePageConfig({
  navigationBarTitleText: '三问记录',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
