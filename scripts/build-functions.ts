/**
 * Bundles each cloud function into a folder WeChat can upload as it is: index.js (our code and the
 * shared types/ bundled in), package.json whose only runtime dependency is wx-server-sdk, config.json.
 *   tsx scripts/build-functions.ts [--watch] [name ...]
 */
import { build, context, type BuildOptions, type Plugin } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceRoot = path.join(root, 'cloudfunctions')
const outRoot = path.join(root, 'build', 'cloudfunctions')
const sdkVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}).devDependencies['wx-server-sdk']

export function functionNames(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(sourceRoot, d.name, 'index.ts')))
    .map((d) => d.name)
}

/** Keeps zod's 50 locales out of every bundle: only English (its default) and Chinese are shipped. */
const zodLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(root, 'types', 'zod-locales.ts') } : undefined
    )
  }
}

function options(name: string): BuildOptions {
  return {
    entryPoints: [path.join(sourceRoot, name, 'index.ts')],
    outfile: path.join(outRoot, name, 'index.js'),
    bundle: true,
    platform: 'node',
    // The cloud's Node.js runtime for wx-server-sdk functions.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    // A linked map keeps index.js small (cold start) while stack traces in logs still point at TypeScript.
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    minifySyntax: true,
    minifyWhitespace: true,
    keepNames: true,
    plugins: [zodLocales],
    // Subscribe-message template ids (types/reminders.ts): JDQ_TEMPLATE_IDS='{"progress":"…"}'; placeholders without.
    define: { JDQ_TEMPLATE_IDS: templateIdsDefine() },
    logLevel: 'warning'
  }
}

/** JDQ_TEMPLATE_IDS as an expression for esbuild's define (checked to be a JSON object of strings). */
export function templateIdsDefine(): string {
  const raw = process.env.JDQ_TEMPLATE_IDS
  if (!raw) return 'undefined'
  const parsed = JSON.parse(raw) as unknown
  if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error('JDQ_TEMPLATE_IDS must be a JSON object of template ids, e.g. {"progress":"abc…"}')
  }
  return JSON.stringify(parsed)
}

function writeManifest(name: string): void {
  const dir = path.join(outRoot, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2) + '\n'
  )
  copyFileSync(path.join(sourceRoot, name, 'config.json'), path.join(dir, 'config.json'))
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const watch = args.includes('--watch')
  const wanted = args.filter((a) => !a.startsWith('--'))
  const names = wanted.length ? wanted : functionNames()
  for (const name of names) writeManifest(name)
  if (watch) {
    for (const name of names) await (await context(options(name))).watch()
    console.log(`watching ${names.length} functions`)
    return
  }
  const started = Date.now()
  await Promise.all(names.map((name) => build(options(name))))
  console.log(`built ${names.length} cloud functions into build/cloudfunctions in ${Date.now() - started} ms: ${names.join(', ')}`)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
