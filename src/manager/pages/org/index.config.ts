export default definePageConfig({
  navigationBarTitleText: '组织和邀请',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
