export default definePageConfig({
  navigationBarTitleText: '调研报告',
  enablePullDownRefresh: true
})
