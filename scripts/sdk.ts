/**
 * The environment an SCF instance gets, pointed at the local emulator: with it, the unmodified
 * wx-server-sdk in any Node process (seed, bench, tests) talks to the emulator, as functions do.
 */
export const LOCAL_ENV_ID = 'jdq-local'

export function scfEnv(url: string, envId = LOCAL_ENV_ID): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    // Any value: the SDK signs locally and dies without them; the emulator ignores the signature.
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` })
  }
}

/**
 * wx-server-sdk bound to the emulator at `url`, as a server-side (admin) client. `timeout` (ms) is how long one
 * request may take: by default longer than the longest function limit (60 s), so a script calling a timer job
 * never gives up before the function would (the SDK's own default is 15 s).
 */
export function connectSdk(url: string, opts: { timeout?: number } = {}): typeof import('wx-server-sdk') {
  Object.assign(process.env, scfEnv(url))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, timeout: opts.timeout ?? 65_000 } as Parameters<typeof cloud.init>[0])
  return cloud
}
