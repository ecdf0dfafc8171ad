export default definePageConfig({
  navigationBarTitleText: '听民声 · 汇总'
})
