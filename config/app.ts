/**
 * Build-time identity of the mini-program, read from the environment when Taro builds:
 *   JDQ_APPID      the WeChat appid (default: the test appid `touristappid`)
 *   JDQ_CLOUD_ENV  the CloudBase environment id the app calls (default: empty = the default environment)
 * Both reach the app through Taro `defineConstants` (see config/index.ts and src/global.d.ts).
 */
export const appid: string = process.env.JDQ_APPID || 'touristappid'
export const cloudEnv: string = process.env.JDQ_CLOUD_ENV || ''

/** Where the H5 dev server sends `/__/*` (the local emulator's gateway and dev login page). */
export const emulatorUrl: string = process.env.JDQ_EMULATOR_URL || 'http://127.0.0.1:8099'
