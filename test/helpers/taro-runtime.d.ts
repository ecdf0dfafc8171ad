/** Taro's React runtime entry, used by the Jest shim (the package ships no typings for this path). */
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export function createH5NativeComponentConfig(component: unknown, react: unknown, reactDOM: unknown): unknown
  export const useDidHide: typeof import('@tarojs/taro').useDidHide
  export const useDidShow: typeof import('@tarojs/taro').useDidShow
  export const useLaunch: typeof import('@tarojs/taro').useLaunch
  export const useLoad: typeof import('@tarojs/taro').useLoad
  export const usePullDownRefresh: typeof import('@tarojs/taro').usePullDownRefresh
  export const useReachBottom: typeof import('@tarojs/taro').useReachBottom
  export const useReady: typeof import('@tarojs/taro').useReady
  export const useRouter: typeof import('@tarojs/taro').useRouter
  export const useUnload: typeof import('@tarojs/taro').useUnload
}
