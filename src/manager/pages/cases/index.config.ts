export default definePageConfig({
  navigationBarTitleText: '差评回访和诉求督办',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
