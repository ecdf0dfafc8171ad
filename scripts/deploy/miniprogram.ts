/**
 * The mini-program: built for the environment (JDQ_APPID, JDQ_CLOUD_ENV), checked (size budget and WeChat's own
 * 代码质量 checks through miniprogram-ci), and uploaded as a development version with WeChat's CI. An upload is
 * skipped when the same build of the same app was the last one uploaded from this machine (.deploy/state).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { uploadedFiles } from '../weapp-quality'

const root = path.resolve(__dirname, '../..')
export const dist = path.join(root, 'dist')
const stateDir = path.join(root, '.deploy', 'state')

/** The part of miniprogram-ci's typings (dist/@types/ci) this script uses; Project is its CIProject. */
export interface MiniprogramCi<Project extends object = object> {
  Project: new (options: {
    appid: string
    type: 'miniProgram'
    projectPath: string
    privateKey?: string
    privateKeyPath?: string
    ignores?: string[]
  }) => Project
  upload(options: {
    project: Project
    version: string
    desc?: string
    setting?: { useProjectConfig?: boolean }
    robot?: number
    onProgressUpdate?: (task: unknown) => void
  }): Promise<{ subPackageInfo?: { name: string; size: number }[] }>
  checkCodeQuality(project: Project): Promise<{ name?: string; success?: boolean; text?: string }[]>
}

export interface UploadKey {
  privateKey?: string
  privateKeyPath?: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

/** `npm run build:weapp` for this app and environment: Taro's build, then the size budget and 代码质量 checks. */
export function buildMiniprogram(appid: string, envId: string): void {
  const env = { ...process.env, JDQ_APPID: appid, JDQ_CLOUD_ENV: envId, NODE_ENV: 'production' }
  run('npx', ['taro', 'build', '--type', 'weapp'], env)
  run('npx', ['tsx', 'scripts/weapp-size.ts'], env)
}

export function distHash(): string {
  const hash = createHash('sha256')
  for (const file of uploadedFiles(dist).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dist, file)))
      .update('\0')
  return hash.digest('hex').slice(0, 16)
}

const stateFile = (appid: string) => path.join(stateDir, `${appid}.json`)

export function lastUploaded(appid: string): { hash: string; version: string; at: string } | null {
  const file = stateFile(appid)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { hash: string; version: string; at: string }) : null
}

export async function uploadMiniprogram(ci: MiniprogramCi, appid: string, key: UploadKey, version: string, desc: string): Promise<void> {
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dist, ...key, ignores: ['node_modules/**/*', '**/*.map'] })
  const failed = (await ci.checkCodeQuality(project)).filter((c) => !c.success)
  if (failed.length) throw new Error(`代码质量: ${failed.map((c) => `${c.name} (${c.text})`).join('; ')}`)
  const hash = distHash()
  const result = await ci.upload({ project, version, desc, setting: { useProjectConfig: true }, robot: 1 })
  for (const p of result.subPackageInfo ?? []) console.log(`    ${p.name}: ${(p.size / 1024).toFixed(1)} KB`)
  mkdirSync(stateDir, { recursive: true })
  writeFileSync(stateFile(appid), JSON.stringify({ hash, version, at: new Date().toISOString() }, null, 2) + '\n')
}
