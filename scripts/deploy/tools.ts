/**
 * The deploy tools — CloudBase's management SDK (@cloudbase/manager-node) and WeChat's mini-program CI
 * (miniprogram-ci) — are about 290 MB and 1,100 packages. They live in a package of their own
 * (scripts/deploy/tools/package.json and its lock file, exact versions), installed into .deploy/tools on the first
 * real `npm run deploy` and again whenever that lock file changes, so `npm start` and `npm test` never wait for
 * them (optionalDependencies would not help: npm installs those too). `--plan` needs none of it.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Manager } from './cloud'
import type { MiniprogramCi } from './miniprogram'

const root = path.resolve(__dirname, '../..')
const source = path.join(__dirname, 'tools')
export const toolsDir = path.join(root, '.deploy', 'tools')

function installed(): boolean {
  const marker = path.join(toolsDir, 'node_modules', '.package-lock.json')
  const lock = path.join(toolsDir, 'package-lock.json')
  return existsSync(marker) && existsSync(lock) && readFileSync(lock, 'utf8') === readFileSync(path.join(source, 'package-lock.json'), 'utf8')
}

export function ensureTools(): void {
  if (installed()) return
  console.log('› installing the deploy tools into .deploy/tools (first deploy: a few minutes)…')
  mkdirSync(toolsDir, { recursive: true })
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(source, file), path.join(toolsDir, file))
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: toolsDir, stdio: 'inherit' })
  if (res.status !== 0) throw new Error('installing the deploy tools failed (npm ci in .deploy/tools)')
}

export interface Tools {
  CloudBase: new (config: { secretId: string; secretKey: string; envId: string; token?: string; region?: string }) => Manager
  ci: MiniprogramCi
}

export function loadTools(): Tools {
  ensureTools()
  const load = createRequire(path.join(toolsDir, 'package.json'))
  return { CloudBase: load('@cloudbase/manager-node') as Tools['CloudBase'], ci: load('miniprogram-ci') as MiniprogramCi }
}
