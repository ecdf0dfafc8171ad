import cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the function uses whichever environment it is deployed in (or the emulator's).
// wx-server-sdk 4.0.2 types it as a symbol while init() wants string | object.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export { cloud }
export const db = cloud.database()
export const _ = db.command
