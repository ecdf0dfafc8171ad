/**
 * The mini-program's main package must not load zod (its budget is 450 KB; zod and the schemas were 290 KB of
 * it). This walks the value imports (not `import type`) from the app and every main-package page and fails with
 * the chain of files that leads to zod, so the fix is obvious: import labels from types/labels, rules from
 * types/rules, types with `import type`.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(__dirname, '../..')

/** Module specifiers a file loads at run time. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const specs: string[] = []
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const clause = stmt.importClause
      if (clause?.isTypeOnly) continue
      const named = clause?.namedBindings
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)
      if (!onlyTypes) specs.push(stmt.moduleSpecifier.text)
    }
    if (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) && !stmt.isTypeOnly) {
      const clause = stmt.exportClause
      const onlyTypes = clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)
      if (!onlyTypes) specs.push(stmt.moduleSpecifier.text)
    }
  }
  return specs
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = path.resolve(path.dirname(from), spec)
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((f) => existsSync(f) && f.match(/\.tsx?$/)) ?? null
}

/** The chain of files from `entry` to a `zod` import, or null. */
export function chainToZod(entry: string): string[] | null {
  const parent = new Map<string, string | null>([[entry, null]])
  const queue = [entry]
  while (queue.length) {
    const file = queue.shift() as string
    for (const spec of valueImports(file)) {
      if (spec === 'zod' || spec.startsWith('zod/')) {
        const chain = [spec]
        for (let f: string | null = file; f; f = parent.get(f) ?? null) chain.unshift(path.relative(root, f))
        return chain
      }
      const next = resolveLocal(file, spec)
      if (next && !parent.has(next)) {
        parent.set(next, file)
        queue.push(next)
      }
    }
  }
  return null
}

/** The main package's pages, as declared in src/app.config.ts (subpackages are listed under subPackages). */
function mainPages(): string[] {
  const config = readFileSync(path.join(root, 'src', 'app.config.ts'), 'utf8')
  const list = /\bpages:\s*\[([^\]]*)\]/.exec(config)
  if (!list) throw new Error('no pages in src/app.config.ts')
  return [...list[1].matchAll(/'([^']+)'/g)].map((m) => path.join(root, 'src', `${m[1]}.tsx`))
}

describe('the main package never loads zod', () => {
  const entries = [path.join(root, 'src', 'app.ts'), ...mainPages()]

  it('finds the main package’s pages', () => {
    expect(entries.length).toBeGreaterThanOrEqual(3)
    for (const e of entries) expect(existsSync(e)).toBe(true)
  })

  it.each(entries.map((e) => [path.relative(root, e), e]))('%s', (_name, entry) => {
    expect(chainToZod(entry)).toBeNull()
  })

  it('the walk does find zod through a schema module (so the check can fail)', () => {
    expect(chainToZod(path.join(root, 'types', 'service.ts'))).toEqual(['types/service.ts', 'types/zod.ts', 'zod'])
  })
})
