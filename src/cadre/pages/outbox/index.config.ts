export default definePageConfig({
  navigationBarTitleText: '待上传'
})
