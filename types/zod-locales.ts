// Stands in for zod's index of ~50 locales when bundling (functions and mini-program):
// `z.locales` is a namespace export, so bundlers would otherwise ship every language.
export { default as en } from 'zod/v4/locales/en.js'
export { default as zhCN } from 'zod/v4/locales/zh-CN.js'
