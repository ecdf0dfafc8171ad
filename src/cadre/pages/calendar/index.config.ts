export default definePageConfig({
  navigationBarTitleText: '下基层日历',
  enablePullDownRefresh: true
})
