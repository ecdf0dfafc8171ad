/**
 * `@/x` is the repo root's `x` (tsconfig.json `paths`) for every tool that reads our sources: Jest (this file's own
 * imports), tsx (scripts, the emulator), esbuild (the cloud function bundles) and ESLint's resolver
 * (test/unit/lint-boundaries.test.ts). The Taro build maps it in config/index.ts. docs/architecture.md, "Imports".
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { build } from 'esbuild'
import * as viaAlias from '@/types/rules/beijing-time'
import { scaled } from '@/test/helpers/time-scale'

const root = path.resolve(__dirname, '../..')
// The same module by its plain path (computed, so that scripts/alias-imports.ts leaves it as it is).
const viaPath = jest.requireActual<typeof viaAlias>(path.join(root, 'types/rules/beijing-time'))

describe('the @/ path alias', () => {
  it('loads the same module as the relative path in Jest', () => {
    expect(viaAlias).toBe(viaPath)
    expect(viaAlias.beijingDate('2026-06-16T02:00:00Z')).toBe('2026-06-16')
  })

  it(
    'resolves under tsx, as scripts and the emulator run',
    () => {
      const tsx = path.join(root, 'node_modules/.bin/tsx')
      const run = spawnSync(tsx, ['-e', "import { beijingDate } from '@/types/rules/beijing-time'; console.log(beijingDate('2026-12-31T16:30:00Z'))"], {
        cwd: root,
        encoding: 'utf8'
      })
      expect(run.stderr).toBe('')
      expect(run.stdout.trim()).toBe('2027-01-01')
    },
    scaled(20_000)
  )

  it('resolves in esbuild, as the cloud functions are bundled', async () => {
    const out = await build({
      stdin: {
        contents: "import { beijingDate } from '@/types/rules/beijing-time'\nconsole.log(beijingDate('2026-06-16T02:00:00Z'))",
        resolveDir: path.join(root, 'cloudfunctions'),
        sourcefile: 'alias-probe.ts',
        loader: 'ts'
      },
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent'
    })
    const code = out.outputFiles[0].text
    expect(code).toContain('types/rules/beijing-time.ts')
    const printed = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' })
    expect(printed.stdout.trim()).toBe('2026-06-16')
  })
})
