export default definePageConfig({
  navigationBarTitleText: '差评回访和超期诉求',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
