export default definePageConfig({
  navigationBarTitleText: '录入纸质问卷'
})
