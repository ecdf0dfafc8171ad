/**
 * Package sizes of the weapp build in dist/ — the main package and each subpackage (a file belongs to the
 * subpackage whose root its path starts with) — and the offline 代码质量 checks (scripts/weapp-quality.ts).
 * Fails when the main package is over its budget of 450 KB, a subpackage over 1.5 MB (WeChat's limit is 2 MB a
 * package; DevTools flags 1.5 MB), zod reaches the main package, or a quality check fails.
 *   npx tsx scripts/weapp-size.ts [distDir]
 *
 * The main package is what every first visit downloads and evaluates before the first screen: Taro and React
 * alone are about 290 KB of it. How to stay within it: docs/mini-program-size.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { checkQuality, packageOf, readAppJson, subRoots, uploadedFiles } from './weapp-quality'

const KB = 1024
export const limits = { main: 450 * KB, sub: 1536 * KB }

export interface PackageSize {
  name: string
  root: string
  bytes: number
  files: number
  limit: number
}

export function measure(distDir: string): PackageSize[] {
  const roots = subRoots(readAppJson(distDir))
  const packages: PackageSize[] = [
    { name: 'main', root: '', bytes: 0, files: 0, limit: limits.main },
    ...roots.map((root) => ({ name: `sub ${root}`, root, bytes: 0, files: 0, limit: limits.sub }))
  ]
  for (const file of uploadedFiles(distDir)) {
    const pkg = packages.find((p) => p.root === packageOf(file, roots)) ?? packages[0]
    pkg.bytes += statSync(path.join(distDir, file)).size
    pkg.files += 1
  }
  return packages
}

/**
 * Main-package scripts that carry zod (its `_zod` internals survive minification). Client code reads labels from
 * types/labels.ts and sends payloads typed by types/api; schemas are for the functions (and subpackage forms).
 */
export function zodInMain(distDir: string): string[] {
  const roots = subRoots(readAppJson(distDir))
  return uploadedFiles(distDir).filter((f) => f.endsWith('.js') && packageOf(f, roots) === '' && /\b_zod\b/.test(readFileSync(path.join(distDir, f), 'utf8')))
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`
}

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'))
  if (!existsSync(path.join(distDir, 'app.json'))) {
    console.error(`${distDir}/app.json not found: run \`taro build --type weapp\` first`)
    process.exit(2)
  }
  const packages = measure(distDir)
  const rows = packages.map((p) => [p.name, String(p.files), kb(p.bytes), kb(p.limit), p.bytes > p.limit ? 'OVER' : 'ok'])
  const total = packages.reduce((n, p) => n + p.bytes, 0)
  rows.push(['total', String(packages.reduce((n, p) => n + p.files, 0)), kb(total), '', ''])
  const head = ['package', 'files', 'size', 'limit', '']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  console.log(line(head))
  for (const r of rows) console.log(line(r))

  const problems = packages.filter((p) => p.bytes > p.limit).map((p) => `over budget: ${p.name} ${kb(p.bytes)} > ${kb(p.limit)}`)
  const zod = zodInMain(distDir)
  if (zod.length) {
    problems.push(`zod is in the main package (${zod.join(', ')}): main-package code must not import a schema module (see docs/mini-program-size.md)`)
  }
  problems.push(...checkQuality(distDir).problems)
  if (problems.length > 0) {
    console.error(`\n✗ ${problems.join('\n✗ ')}`)
    process.exit(1)
  }
  console.log('\n✓ within budget; 代码质量 checks pass (lazyCodeLoading, preloadRule, assets ≤ 200 KB, no unused files)')
}

if (require.main === module) main()
