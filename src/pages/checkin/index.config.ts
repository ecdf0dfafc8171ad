export default definePageConfig({
  navigationBarTitleText: '走访打卡'
})
