import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {
    // Source maps stay out of the package WeChat uploads.
    enableSourceMap: false
  },
  h5: {
    enableSourceMap: false
  }
} satisfies UserConfigExport<'webpack5'>
