/// <reference types="@tarojs/taro" />

/** Build-time constants from config/index.ts `defineConstants` (see config/app.ts). */
declare const JDQ_APPID: string
declare const JDQ_CLOUD_ENV: string

declare module '*.png'
declare module '*.svg'
declare module '*.scss'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn' | undefined
  }
}
