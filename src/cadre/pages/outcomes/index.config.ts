export default definePageConfig({
  navigationBarTitleText: '我的成效',
  enablePullDownRefresh: true
})
