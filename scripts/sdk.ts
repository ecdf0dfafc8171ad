import { scfEnv } from '@/emulator/scf-env'

// The SCF environment lives with the emulator, which starts function instances in it; scripts and tests use it too.
export { LOCAL_ENV_ID, scfEnv } from '@/emulator/scf-env'

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
