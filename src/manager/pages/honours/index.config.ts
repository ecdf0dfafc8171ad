export default definePageConfig({
  navigationBarTitleText: '表彰和通报',
  enablePullDownRefresh: true
})
