/**
 * Package sizes of the weapp build in dist/: the main package and each subpackage (a file belongs to the
 * subpackage whose root its path starts with). Fails when the main package is over 1 MB or a subpackage over
 * 1.5 MB — below WeChat's 2 MB per package, to leave room to grow.
 *   npx tsx scripts/weapp-size.ts [distDir]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const MB = 1024 * 1024
export const limits = { main: 1 * MB, sub: 1.5 * MB }

/** Not part of what WeChat uploads. */
const ignored = [/^project(\.private)?\.config\.json$/, /\.map$/]

export interface PackageSize {
  name: string
  root: string
  bytes: number
  files: number
  limit: number
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full, base))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out
}

export function measure(distDir: string): PackageSize[] {
  const appJson = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''))
  const packages: PackageSize[] = [
    { name: 'main', root: '', bytes: 0, files: 0, limit: limits.main },
    ...subs.map((root) => ({ name: `sub ${root}`, root, bytes: 0, files: 0, limit: limits.sub }))
  ]
  for (const file of walk(distDir)) {
    if (ignored.some((re) => re.test(file))) continue
    const pkg = packages.find((p) => p.root && file.startsWith(`${p.root}/`)) ?? packages[0]
    pkg.bytes += statSync(path.join(distDir, file)).size
    pkg.files += 1
  }
  return packages
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
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
  const over = packages.filter((p) => p.bytes > p.limit)
  if (over.length > 0) {
    console.error(`over budget: ${over.map((p) => `${p.name} ${kb(p.bytes)} > ${kb(p.limit)}`).join('; ')}`)
    process.exit(1)
  }
}

if (require.main === module) main()
