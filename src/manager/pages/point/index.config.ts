export default definePageConfig({
  navigationBarTitleText: '联系点',
  onReachBottomDistance: 120
})
