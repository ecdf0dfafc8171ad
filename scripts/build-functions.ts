/**
 * Bundles each cloud function into a folder WeChat can upload as it is: index.js (our code, the shared types/ and
 * wx-server-sdk itself bundled in), a package.json with no dependencies, config.json.
 *   tsx scripts/build-functions.ts [--watch] [name ...]        emulator build → build/cloudfunctions (tests, bench, npm start)
 *   tsx scripts/build-functions.ts --production [name ...]     what WeChat runs → build/production/cloudfunctions
 *
 * The two differ in one constant, JDQ_TEST_SWITCHES: true in the emulator build, false in production, where esbuild
 * drops every branch behind it — the server-side `{ action: 'run', now, … }` entry of the timer jobs with its clock
 * and its fault switches (crashAfterSends, crashAfterCadres, stopAfterCadres, budgets). test/contract/production-build.test.ts
 * proves none of it is left or reachable.
 *
 * wx-server-sdk is bundled, not installed in the cloud: one file loads in about half the time of the ~430 files of
 * the SDK and its dependencies (cold start), and the upload needs no 云端安装依赖 (the lock file pins what runs).
 */
import { build, context, type BuildOptions, type Metafile, type Plugin } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceRoot = path.join(root, 'cloudfunctions')

export type Flavour = 'emulator' | 'production'
export const outRoots: Record<Flavour, string> = {
  emulator: path.join(root, 'build', 'cloudfunctions'),
  production: path.join(root, 'build', 'production', 'cloudfunctions')
}

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

/**
 * Parts of the CloudBase SDK no function uses and none can (the emulator cannot redirect them either): cloud.ai()
 * and the data-model / MySQL clients (`models`, `mysql`), with their web-streams and mini-program adapters — about
 * 400 KB of script compiled at every cold start. Using one of them throws "not in this build".
 */
const unusedSdkParts: Plugin = {
  name: 'unused-sdk-parts',
  setup(b) {
    const stub = (what: string) => ({ path: what, namespace: 'unused-sdk-part' })
    b.onResolve({ filter: /^\.\/ai$/ }, (args) => (/@cloudbase[\\/]node-sdk[\\/]dist$/.test(args.resolveDir) ? stub('cloud.ai()') : undefined))
    b.onResolve({ filter: /^@cloudbase\/wx-cloud-client-sdk$/ }, () => stub('models / mysql'))
    b.onLoad({ filter: /.*/, namespace: 'unused-sdk-part' }, (args) => ({
      loader: 'js',
      contents: `const fail = () => { throw new Error(${JSON.stringify(`${args.path} is not in this build (scripts/build-functions.ts)`)}) }
module.exports = { createAI: fail, default: { generateHTTPClient: fail, generateMySQLClient: fail } }`
    }))
  }
}

/** Large JSON (mime-db's table) as JSON.parse of a string: V8 parses JSON far faster than an object literal. */
const jsonAsParse: Plugin = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8')
      if (text.length < 16 * 1024) return undefined
      return { loader: 'js', contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))})` }
    })
  }
}

/**
 * Modules a function imports with `await import(…)` where it needs them, bundled into a file of their own next to
 * index.js so a cold start does not read and compile them: exports loads exceljs only to write a workbook.
 */
export const deferred: Record<string, string> = { 'exceljs/lib/stream/xlsx/workbook-writer': 'exceljs-writer.js' }

const deferredModules: Plugin = {
  name: 'deferred-modules',
  setup(b) {
    const names = Object.keys(deferred).map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      args.kind === 'dynamic-import' ? { path: `./${deferred[args.path]}`, external: true } : undefined
    )
  }
}

const shared = (flavour: Flavour): BuildOptions => ({
  bundle: true,
  platform: 'node',
  // The cloud's Node.js runtime for wx-server-sdk functions.
  target: 'node16',
  format: 'cjs',
  // A linked map keeps index.js small (cold start) while stack traces in logs still point at TypeScript.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  // Names are kept (no identifier minification), so stack traces in the cloud's logs stay readable.
  minifySyntax: true,
  minifyWhitespace: true,
  plugins: [zodLocales, unusedSdkParts, jsonAsParse, deferredModules],
  define: {
    // Subscribe-message template ids (types/reminders.ts): JDQ_TEMPLATE_IDS='{"progress":"…"}'; placeholders without.
    JDQ_TEMPLATE_IDS: templateIdsDefine(),
    JDQ_TEST_SWITCHES: String(flavour === 'emulator')
  },
  logLevel: 'warning'
})

export function options(name: string, flavour: Flavour, outRoot = outRoots[flavour]): BuildOptions {
  return {
    ...shared(flavour),
    entryPoints: [path.join(sourceRoot, name, 'index.ts')],
    outfile: path.join(outRoot, name, 'index.js'),
    metafile: true
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

function writeManifest(name: string, outRoot: string): void {
  const dir = path.join(outRoot, name)
  mkdirSync(dir, { recursive: true })
  // No dependencies: wx-server-sdk is inside index.js, so the upload needs no install in the cloud. No name either:
  // two builds of each function sit side by side, and tools that index package names (Jest) would see twins.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, main: 'index.js', dependencies: {} }, null, 2) + '\n')
  copyFileSync(path.join(sourceRoot, name, 'config.json'), path.join(dir, 'config.json'))
}

/** Bundles the deferred modules a function's build imports into files of their own beside its index.js. */
async function buildDeferred(name: string, flavour: Flavour, outRoot: string, metafile: Metafile | undefined, onlyMissing = false): Promise<void> {
  const imported = new Set(Object.values(metafile?.outputs ?? {}).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))
  for (const [module, file] of Object.entries(deferred)) {
    const outfile = path.join(outRoot, name, file)
    if (!imported.has(`./${file}`) || (onlyMissing && existsSync(outfile))) continue
    await build({ ...shared(flavour), entryPoints: [require.resolve(module)], outfile })
  }
}

/** Builds the named functions (default all) of one flavour into outRoot; resolves with the names built. */
export async function buildFunctions(flavour: Flavour, names = functionNames(), outRoot = outRoots[flavour]): Promise<string[]> {
  for (const name of names) writeManifest(name, outRoot)
  await Promise.all(names.map(async (name) => buildDeferred(name, flavour, outRoot, (await build(options(name, flavour, outRoot))).metafile)))
  return names
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const watch = args.includes('--watch')
  const flavour: Flavour = args.includes('--production') ? 'production' : 'emulator'
  const wanted = args.filter((a) => !a.startsWith('--'))
  const names = wanted.length ? wanted : functionNames()
  if (watch) {
    for (const name of names) {
      writeManifest(name, outRoots[flavour])
      const base = options(name, flavour)
      // Each rebuild writes index.js; a deferred file is built when missing (it changes only with the lock file).
      const deferredFiles: Plugin = { name: 'deferred-files', setup: (b) => b.onEnd((r) => buildDeferred(name, flavour, outRoots[flavour], r.metafile, true)) }
      await (await context({ ...base, plugins: [...(base.plugins ?? []), deferredFiles] })).watch()
    }
    console.log(`watching ${names.length} functions`)
    return
  }
  const started = Date.now()
  await buildFunctions(flavour, names)
  console.log(
    `built ${names.length} cloud functions (${flavour}) into ${path.relative(root, outRoots[flavour])} in ${Date.now() - started} ms: ${names.join(', ')}`
  )
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
