export default definePageConfig({
  navigationBarTitleText: '外勤审核',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
