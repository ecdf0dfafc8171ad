import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import webpack from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'
import { appid, cloudEnv, emulatorUrl } from './app'

const root = path.resolve(__dirname, '..')
/** The shared contract lives outside src/ and must go through the same Babel pipeline. */
const sharedSources = [path.join(root, 'types')]

/** The part of webpack-chain used here. */
interface Chain {
  resolve: { plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown } }
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown }
  optimization: {
    /** Present at run time (webpack-chain's ChainedMap), missing from its typings. */
    minimizers?: { has(name: string): boolean }
    minimizer(name: string): { tap(f: (args: Record<string, unknown>[]) => Record<string, unknown>[]): unknown }
  }
}

/** Shared webpack tweaks for both platforms. */
function chainCommon(chain: Chain): void {
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
  // zod re-exports its ~50 locales as a namespace, which webpack cannot tree-shake: ship only en and zh-CN
  // (the same stand-in scripts/build-functions.ts uses for the cloud functions).
  chain.plugin('zod-locales').use(webpack.NormalModuleReplacementPlugin, [
    /^\.\.\/locales\/index\.js$/,
    (resource: { context?: string; request: string }) => {
      if (resource.context && /[\\/]zod[\\/]/.test(resource.context)) {
        resource.request = path.join(root, 'types', 'zod-locales.ts')
      }
    }
  ])
}

/** The mini-program's tweaks on top of the shared ones. */
function chainMini(chain: Chain): void {
  chainCommon(chain)
  // Keep licence comments inside the scripts: a separate *.LICENSE.txt is a file nothing loads, which WeChat's
  // 代码质量 check flags as unused (scripts/weapp-quality.ts).
  if (chain.optimization.minimizers?.has('terserPlugin')) {
    chain.optimization.minimizer('terserPlugin').tap(([options]) => [{ ...options, extractComments: false }])
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  // Taro writes dist/project.config.json with this appid (see @tarojs/cli generateProjectConfig).
  process.env.TARO_APP_ID = appid

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jiediqi',
    date: '2026-1-1',
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      JDQ_APPID: JSON.stringify(appid),
      JDQ_CLOUD_ENV: JSON.stringify(cloudEnv),
      // Subscribe-message template ids (types/reminders.ts), the same value the functions are built with.
      JDQ_TEMPLATE_IDS: process.env.JDQ_TEMPLATE_IDS || 'undefined'
    },
    // `@/x` is the repo root's x, as in tsconfig.json's `paths` (the tsconfig-paths plugin below reads the same).
    alias: { '@': root },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: sharedSources },
      postcss: {
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain: chainMini
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedSources },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      // One bundle for the browser: a page opened after the signal is gone needs no chunk from the network, as
      // a phone that has the mini-program's packages (weapp preloads the cadre subpackage: app.config.ts).
      webpackChain(chain: Chain) {
        chainCommon(chain)
        chain.plugin('one-chunk').use(webpack.optimize.LimitChunkCountPlugin, [{ maxChunks: 1 }])
      },
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        proxy: [{ context: ['/__'], target: emulatorUrl, changeOrigin: false, ws: false }]
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
