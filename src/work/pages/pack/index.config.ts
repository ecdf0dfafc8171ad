export default definePageConfig({
  navigationBarTitleText: '工作汇总'
})
