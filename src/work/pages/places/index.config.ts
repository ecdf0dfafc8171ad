export default definePageConfig({
  navigationBarTitleText: '村里谁来过',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
