export default definePageConfig({
  navigationBarTitleText: '两联',
  enablePullDownRefresh: true
})
