/**
 * `@tarojs/taro` for Jest (jsdom): the H5 implementation of the APIs plus the React lifecycle hooks.
 * createH5NativeComponentConfig hands React to Taro's runtime (without it: "React.useContext is not a function").
 * Lifecycle hooks (useLoad, usePullDownRefresh …) do not fire here: test the logic they call.
 */
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

createH5NativeComponentConfig(() => null, React, ReactDOM)

import * as h5 from '@tarojs/taro-h5'

export * from '@tarojs/taro-h5'
// The package's own default, with the storage APIs the app's build puts on it too (the phone's storage:
// localStorage here). Only these: the others would reach for a loaded Taro page jsdom does not have.
export default {
  ...(h5 as unknown as { default: object }).default,
  getStorageSync: h5.getStorageSync,
  setStorageSync: h5.setStorageSync,
  removeStorageSync: h5.removeStorageSync,
  getStorageInfoSync: h5.getStorageInfoSync
}
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useUnload
} from '@tarojs/plugin-framework-react/dist/runtime'
