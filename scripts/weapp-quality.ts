/**
 * The checks of WeChat DevTools' 代码质量 panel that can be made on dist/ offline, before an upload:
 *  - 代码压缩: project.config.json turns on JS, WXML and WXSS minification for the upload;
 *  - 组件按需注入: app.json sets `lazyCodeLoading: "requiredComponents"`;
 *  - 分包预下载: the home page preloads the cadre's and the manager's subpackages (within WeChat's 2 MB per page);
 *  - 图片和音频资源 (and fonts) of at most 200 KB each — larger ones belong on a CDN;
 *  - 无使用的文件: every file is reached from app.json (pages, their require()s, usingComponents, WXML
 *    import/include/wxs, WXSS @import, url()s);
 *  - 主包存在仅被其他分包依赖的JS: no main-package script is reached from subpackage pages only.
 * They mirror the checks of miniprogram-ci's checkCodeQuality, which `npm run deploy` runs too (it needs the deploy
 * tools). Used by scripts/weapp-size.ts (which `npm run build:weapp` runs); tested in test/unit/weapp-quality.test.ts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const ASSET_LIMIT_BYTES = 200 * 1024
/** What the home page must preload: the subpackages a cadre and a manager open from it. */
export const PRELOAD_FROM_HOME = { page: 'pages/index/index', packages: ['cadre', 'manager'] }
const PRELOAD_LIMIT_BYTES = 2 * 1024 * 1024

const assetExt = /\.(png|jpe?g|gif|webp|svg|bmp|mp3|m4a|aac|wav|ogg|ttf|otf|woff2?)$/i
/** Not part of what WeChat uploads, or read by the tools rather than the app. */
export const notUploaded = [/^project(\.private)?\.config\.json$/, /\.map$/, /^sitemap\.json$/]

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  lazyCodeLoading?: string
  preloadRule?: Record<string, { network?: string; packages: string[] }>
}

export function readAppJson(distDir: string): AppJson {
  return JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
}

export const subRoots = (app: AppJson): string[] => (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''))

export function walk(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full, base))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out
}

/** The files of dist/ WeChat uploads, as paths relative to dist/ with forward slashes. */
export const uploadedFiles = (distDir: string): string[] => walk(distDir).filter((f) => !notUploaded.some((re) => re.test(f)))

/** The package a file belongs to: the subpackage whose root its path starts with, else '' (main). */
export function packageOf(file: string, roots: readonly string[]): string {
  return roots.find((r) => file.startsWith(`${r}/`)) ?? ''
}

/** Paths a file refers to, resolved against its own folder (relative to dist/). */
function referencesOf(distDir: string, file: string): string[] {
  const text = readFileSync(path.join(distDir, file), 'utf8')
  const dir = path.posix.dirname(file)
  const refs: string[] = []
  const add = (spec: string, exts: string[]) => {
    if (/^(https?:|data:|wxfile:|cloud:)/.test(spec)) return
    const base = spec.startsWith('/') ? spec.slice(1) : path.posix.normalize(path.posix.join(dir, spec))
    for (const candidate of [base, ...exts.map((e) => base + e)]) {
      if (existsSync(path.join(distDir, candidate)) && statSync(path.join(distDir, candidate)).isFile()) {
        refs.push(candidate)
        return
      }
    }
  }
  if (file.endsWith('.js')) for (const m of text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) add(m[1], ['.js'])
  if (file.endsWith('.json')) {
    const json = JSON.parse(text) as { usingComponents?: Record<string, string> }
    for (const target of Object.values(json.usingComponents ?? {})) for (const ext of ['.js', '.json', '.wxml', '.wxss']) add(target + ext, [])
  }
  if (file.endsWith('.wxml')) for (const m of text.matchAll(/<(?:import|include|wxs)\b[^>]*\bsrc=["']([^"']+)["']/g)) add(m[1], ['.wxml', '.wxs'])
  if (file.endsWith('.wxss')) {
    for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) add(m[1], ['.wxss'])
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) add(m[1], [])
  }
  return refs
}

/** A page's own four files (those that exist). */
function pageFiles(distDir: string, page: string): string[] {
  return ['.js', '.json', '.wxml', '.wxss'].map((e) => page + e).filter((f) => existsSync(path.join(distDir, f)))
}

/** Every file reached from `starts`, following references. */
function reach(distDir: string, starts: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...starts]
  while (queue.length) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    queue.push(...referencesOf(distDir, file))
  }
  return seen
}

export interface QualityReport {
  problems: string[]
}

export function checkQuality(distDir: string): QualityReport {
  const problems: string[] = []
  const app = readAppJson(distDir)
  const roots = subRoots(app)
  const files = uploadedFiles(distDir)
  const sizeOf = (f: string) => statSync(path.join(distDir, f)).size

  const projectConfig = path.join(distDir, 'project.config.json')
  const setting = existsSync(projectConfig) ? ((JSON.parse(readFileSync(projectConfig, 'utf8')) as { setting?: Record<string, unknown> }).setting ?? {}) : {}
  const off = ['minified', 'minifyWXML', 'minifyWXSS'].filter((k) => setting[k] !== true)
  if (off.length) problems.push(`代码压缩: project.config.json setting ${off.join(', ')} must be true`)

  if (app.lazyCodeLoading !== 'requiredComponents') {
    problems.push('组件按需注入: app.json must set lazyCodeLoading: "requiredComponents"')
  }

  const preload = app.preloadRule?.[PRELOAD_FROM_HOME.page]?.packages ?? []
  const missing = PRELOAD_FROM_HOME.packages.filter((p) => !preload.includes(p))
  if (missing.length) problems.push(`分包预下载: ${PRELOAD_FROM_HOME.page} does not preload ${missing.join(', ')} (app.json preloadRule)`)
  for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
    const bytes = files.filter((f) => rule.packages.includes(packageOf(f, roots))).reduce((n, f) => n + sizeOf(f), 0)
    if (bytes > PRELOAD_LIMIT_BYTES) problems.push(`分包预下载: ${page} preloads ${(bytes / 1024).toFixed(0)} KB, over WeChat's 2 MB`)
  }

  for (const f of files.filter((f) => assetExt.test(f))) {
    if (sizeOf(f) > ASSET_LIMIT_BYTES)
      problems.push(`图片和音频资源: ${f} is ${(sizeOf(f) / 1024).toFixed(0)} KB (over 200 KB: serve it from cloud storage or a CDN)`)
  }

  const mainPages = app.pages
  const subPages = (app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/^\/+|\/+$/g, '')}/${p}`))
  const appFiles = ['app.js', 'app.json', 'app.wxss'].filter((f) => existsSync(path.join(distDir, f)))
  const fromMain = reach(distDir, [...appFiles, ...mainPages.flatMap((p) => pageFiles(distDir, p))])
  const fromSubs = reach(
    distDir,
    subPages.flatMap((p) => pageFiles(distDir, p))
  )

  const unused = files.filter((f) => !fromMain.has(f) && !fromSubs.has(f))
  if (unused.length) problems.push(`无使用的文件: nothing refers to ${unused.join(', ')}`)

  const onlyForSubs = files.filter((f) => f.endsWith('.js') && packageOf(f, roots) === '' && !fromMain.has(f) && fromSubs.has(f))
  if (onlyForSubs.length) problems.push(`主包存在仅被其他分包依赖的JS: ${onlyForSubs.join(', ')}`)

  return { problems }
}
