export default definePageConfig({
  navigationBarTitleText: '数据核对报告',
  enablePullDownRefresh: true
})
