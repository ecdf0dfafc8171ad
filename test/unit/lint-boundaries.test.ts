/**
 * The part boundaries in eslint.config.mjs hold: an import that crosses one fails `npm run lint`, written as a
 * relative path or through the `@/` alias, and the imports each part is allowed pass.
 *
 * Each probe is a file that is never written to disk: ESLint's Node API lints its text as if it stood at the
 * given path, with the repo's own config. ESLint loads that config as an ES module, which Jest's module system
 * cannot, so the probes run in one child Node process. The type-aware rules (which need the file on disk) are
 * off for the probes; the boundary rule needs no types. An import that does not resolve would pass the boundary
 * rule unseen, so the probes also require every import to resolve.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { scaled } from '@/test/helpers/time-scale'

const root = path.resolve(__dirname, '../..')

interface Probe {
  /** Where the probe file would stand, from the repo root. */
  at: string
  /** What it imports. */
  imports: string
}
interface Finding {
  ruleId: string | null
  message: string
}

const lintScript = `
import { ESLint } from 'eslint'
const probes = JSON.parse(process.argv[1])
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      'import-x/no-unresolved': 'error'
    }
  }]
})
const out = []
for (const p of probes) {
  const [result] = await eslint.lintText("import '" + p.imports + "'\\n", { filePath: p.at })
  out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })))
}
process.stdout.write(JSON.stringify(out))
`

/** Lints every probe in one ESLint instance; the findings of each, in order. */
function lint(probes: Probe[]): Finding[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', lintScript, JSON.stringify(probes)], {
    cwd: root,
    encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`eslint probe failed (${run.status}): ${run.stderr}`)
  return JSON.parse(run.stdout) as Finding[][]
}

const breaches: Probe[] = [
  // the app never imports a function, the emulator or scripts
  { at: 'src/lint-probe.ts', imports: '../cloudfunctions/_lib/tx' },
  { at: 'src/pages/index/lint-probe.ts', imports: '@/cloudfunctions/visit/handlers/checkIn' },
  { at: 'src/lint-probe.ts', imports: '../cloudfunctions/access' },
  { at: 'src/lint-probe.ts', imports: '../emulator/db' },
  { at: 'src/lint-probe.ts', imports: '@/scripts/sdk' },
  // a function never imports another function's folder, the app, the emulator or scripts
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: '../visit/handlers/checkIn' },
  { at: 'cloudfunctions/ratings/handlers/lint-probe.ts', imports: '@/cloudfunctions/demands/index' },
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: '../visit/shared' },
  { at: 'cloudfunctions/diary/lint-probe.ts', imports: '../visit/shared' },
  { at: 'cloudfunctions/reconcile/lint-probe.ts', imports: '../visit/shared' },
  { at: 'cloudfunctions/_lib/lint-probe.ts', imports: '../visit/shared' },
  { at: 'cloudfunctions/visit/lint-probe.ts', imports: '../../src/services/cloud' },
  { at: 'cloudfunctions/visit/lint-probe.ts', imports: '@/emulator/db' },
  { at: 'cloudfunctions/visit/lint-probe.ts', imports: '../../scripts/sdk' },
  // the contract imports nothing of ours outside types/
  { at: 'types/lint-probe.ts', imports: '../cloudfunctions/_lib/tx' },
  { at: 'types/rules/lint-probe.ts', imports: '@/src/services/reply' },
  // the emulator imports no app, function or script
  { at: 'emulator/lint-probe.ts', imports: '../scripts/sdk' },
  { at: 'emulator/runtime/lint-probe.ts', imports: '@/cloudfunctions/_lib/tx' },
  // scripts never import the app; the build config neither
  { at: 'scripts/lint-probe.ts', imports: '../src/services/reply' },
  { at: 'config/lint-probe.ts', imports: '../src/app.config' }
]

const allowed: Probe[] = [
  { at: 'src/lint-probe.ts', imports: '../types/enums' },
  { at: 'src/pages/index/lint-probe.ts', imports: '@/types/rules/beijing-time' },
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: '../_lib/tx' },
  { at: 'cloudfunctions/ratings/handlers/lint-probe.ts', imports: '@/cloudfunctions/_lib/tx' },
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: '../access' },
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: '@/types/api/ratings' },
  { at: 'cloudfunctions/ratings/lint-probe.ts', imports: './shared' },
  { at: 'types/lint-probe.ts', imports: 'zod' },
  { at: 'types/rules/lint-probe.ts', imports: '@/types/enums' },
  { at: 'emulator/lint-probe.ts', imports: '../types/database' },
  { at: 'emulator/lint-probe.ts', imports: './scf-env' },
  { at: 'scripts/lint-probe.ts', imports: '../emulator/scf-env' },
  { at: 'test/lint-probe.ts', imports: '../cloudfunctions/visit/shared' }
]

describe('lint enforces the boundaries between the parts', () => {
  let found: Finding[][]
  beforeAll(() => {
    found = lint([...breaches, ...allowed])
  }, scaled(30_000))

  it.each(breaches.map((p, i) => [p.at, p.imports, i] as const))('%s importing %s fails', (_at, _imports, i) => {
    expect(found[i].map((f) => f.ruleId)).toEqual(['import-x/no-restricted-paths'])
  })

  it.each(allowed.map((p, i) => [p.at, p.imports, breaches.length + i] as const))('%s importing %s passes', (_at, _imports, i) => {
    expect(found[i]).toEqual([])
  })
})
