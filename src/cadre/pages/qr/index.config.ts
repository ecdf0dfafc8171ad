export default definePageConfig({
  navigationBarTitleText: '二维码',
  pageOrientation: 'portrait'
})
