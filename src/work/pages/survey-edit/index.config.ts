export default definePageConfig({
  navigationBarTitleText: '编辑问卷'
})
