/**
 * `npm run deploy`: puts the whole app on a WeChat cloud (CloudBase) environment with the ecosystem's own tools,
 * changing only what differs from what the repository declares.
 *
 *   npm run deploy                 build, read the environment, then create / update what differs:
 *                                  collections, indexes and their permission (ADMINONLY); functions with their
 *                                  config.json timeout, memory, timer triggers and openapi permissions; the
 *                                  mini-program uploaded as a development version
 *   npm run deploy -- --plan       print every call a deploy makes to an empty environment (offline, no credentials)
 *   npm run deploy -- --dry-run    read the environment and print the calls that would bring it up to date
 *   --only database,functions,miniprogram   a part of it;   --force-upload   upload the mini-program even if unchanged
 *
 * From the environment (README, "Deploy to a real environment", says where each comes from):
 *   TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY (TCB_REGION, default ap-shanghai)      database and functions
 *   JDQ_APPID and JDQ_UPLOAD_KEY_PATH (or JDQ_UPLOAD_KEY, the key itself)            mini-program upload
 *   JDQ_VERSION (default package.json's version), JDQ_TEMPLATE_IDS (subscribe-message template ids)
 */
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions, outRoots } from '../build-functions'
import { apply, readState, type Connection } from './cloud'
import { desiredCollections, desiredFunctions, type DesiredCollection, type DesiredFunction } from './desired'
import { buildMiniprogram, distHash, lastUploaded, uploadMiniprogram, type UploadKey } from './miniprogram'
import { describeCall, emptyState, planDatabase, planFunctions, type Call, type CurrentState } from './plan'
import { loadTools, type Tools } from './tools'

const root = path.resolve(__dirname, '../..')
const parts = ['database', 'functions', 'miniprogram'] as const
type Part = (typeof parts)[number]

export interface PlanInput {
  collections: DesiredCollection[]
  functions: DesiredFunction[]
  current: CurrentState
  only: readonly Part[]
  appid: string
  envId: string
  version: string
}

/** Every step of a deploy, one line each, in the order they run. */
export function planLines(p: PlanInput): { calls: Call[]; lines: string[] } {
  const calls = [
    ...(p.only.includes('database') ? planDatabase(p.current, p.collections) : []),
    ...(p.only.includes('functions') ? planFunctions(p.current, p.functions) : [])
  ]
  const lines = [
    ...(p.only.includes('functions') ? ['build  functions (production)          build/production/cloudfunctions'] : []),
    ...(p.only.includes('miniprogram') ? [`build  mini-program                    appid ${p.appid}, cloud env ${p.envId}`] : []),
    ...calls.map(describeCall),
    ...(p.only.includes('miniprogram')
      ? [
          `ci.checkCodeQuality                ${p.appid}: WeChat's 代码质量 checks`,
          `ci.upload                          ${p.appid}: version ${p.version} (robot 1)`
        ]
      : [])
  ]
  return { calls, lines }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

function need(names: string[]): Record<string, string> {
  const missing = names.filter((n) => !process.env[n])
  if (missing.length) throw new Error(`set ${missing.join(', ')} (README: "Deploy to a real environment" says where each comes from)`)
  return Object.fromEntries(names.map((n) => [n, process.env[n] as string]))
}

function describeRelease(): string {
  try {
    return `${execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim()} ${new Date().toISOString().slice(0, 10)}`
  } catch {
    return new Date().toISOString().slice(0, 10)
  }
}

async function main(): Promise<void> {
  const planOnly = process.argv.includes('--plan')
  const dryRun = process.argv.includes('--dry-run')
  const only = (option('--only')?.split(',') ?? [...parts]) as Part[]
  const unknown = only.filter((p) => !parts.includes(p))
  if (unknown.length) throw new Error(`--only takes ${parts.join(', ')}; not ${unknown.join(', ')}`)
  const version = process.env.JDQ_VERSION || (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
  const collections = desiredCollections()

  if (planOnly) {
    const built = existsSync(outRoots.production) ? outRoots.production : null
    const { lines } = planLines({
      collections,
      functions: desiredFunctions(built),
      current: emptyState,
      only,
      appid: process.env.JDQ_APPID || '<JDQ_APPID>',
      envId: process.env.TCB_ENV_ID || '<TCB_ENV_ID>',
      version
    })
    console.log(`Every call of a deploy to an empty environment (${lines.length}):\n`)
    for (const line of lines) console.log(`  ${line}`)
    console.log('\nAgainst a real environment, `npm run deploy -- --dry-run` reads it first and lists only what differs.')
    return
  }

  const cloudParts = only.filter((p) => p !== 'miniprogram')
  const env = need(['TCB_ENV_ID', ...(cloudParts.length ? ['TCB_SECRET_ID', 'TCB_SECRET_KEY'] : [])])
  const mp = only.includes('miniprogram') ? need(['JDQ_APPID']) : {}
  const key: UploadKey = process.env.JDQ_UPLOAD_KEY ? { privateKey: process.env.JDQ_UPLOAD_KEY } : { privateKeyPath: process.env.JDQ_UPLOAD_KEY_PATH }
  if (only.includes('miniprogram') && !key.privateKey && !key.privateKeyPath)
    throw new Error('set JDQ_UPLOAD_KEY_PATH (the 代码上传密钥 file) or JDQ_UPLOAD_KEY')

  if (only.includes('functions')) {
    console.log('› building the functions (production)…')
    await buildFunctions('production')
  }
  if (only.includes('miniprogram') && !dryRun) {
    console.log(`› building the mini-program for ${mp.JDQ_APPID}, environment ${env.TCB_ENV_ID}…`)
    buildMiniprogram(mp.JDQ_APPID, env.TCB_ENV_ID)
  }

  let tools: Tools | null = null
  const getTools = (): Tools => (tools ??= loadTools())
  const functions = desiredFunctions(outRoots.production)
  let current = emptyState
  let connection: Connection | null = null
  if (cloudParts.length) {
    connection = {
      manager: new (getTools().CloudBase)({
        secretId: env.TCB_SECRET_ID,
        secretKey: env.TCB_SECRET_KEY,
        envId: env.TCB_ENV_ID,
        region: process.env.TCB_REGION || 'ap-shanghai'
      }),
      envId: env.TCB_ENV_ID
    }
    console.log(`› reading environment ${env.TCB_ENV_ID}…`)
    current = await readState(
      connection,
      collections.map((c) => c.name),
      functions.map((f) => f.name)
    )
  }
  const { calls } = planLines({ collections, functions, current, only, appid: mp.JDQ_APPID ?? '', envId: env.TCB_ENV_ID, version })
  console.log(calls.length ? `\n${calls.length} change(s):` : '\nThe database and functions are up to date.')
  for (const call of calls) console.log(`  ${describeCall(call)}`)
  if (dryRun) return

  for (const [i, call] of calls.entries()) {
    console.log(`› [${i + 1}/${calls.length}] ${describeCall(call)}`)
    await apply(connection as Connection, call, outRoots.production)
  }

  if (only.includes('miniprogram')) {
    const last = lastUploaded(mp.JDQ_APPID)
    if (last && last.hash === distHash() && !process.argv.includes('--force-upload')) {
      console.log(`› mini-program unchanged since version ${last.version} was uploaded (${last.at}); --force-upload to upload again`)
    } else {
      console.log(`› uploading the mini-program, version ${version}…`)
      await uploadMiniprogram(getTools().ci, mp.JDQ_APPID, key, version, describeRelease())
      console.log('  uploaded: submit it for review in the WeChat console (版本管理 → 开发版本)')
    }
  }
  console.log('\n✓ deployed')
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`✗ ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
}
