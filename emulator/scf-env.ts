/**
 * The environment an SCF instance gets, pointed at the local emulator: with it, the unmodified
 * wx-server-sdk in any Node process (the emulator's function instances, seed, bench, tests) talks to the
 * emulator, as functions do in the cloud.
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
