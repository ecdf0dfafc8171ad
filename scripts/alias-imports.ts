/**
 * Rewrites deep relative imports to the `@/` alias (the repo root, tsconfig.json `paths`):
 *   - an import that leaves its own part (src/, types/, cloudfunctions/, emulator/, scripts/, test/) always:
 *     `../../../types/api/visit` → `@/types/api/visit`, so a reader sees at a glance which part it reaches into;
 *   - an import inside a part when it climbs `--depth` folders or more (default 3):
 *     `../../../components/StateViews` → `@/src/components/StateViews`.
 * Shallower imports inside a part stay relative (`./shared`, `../../_lib/tx`).
 *
 *   tsx scripts/alias-imports.ts            list what would change (nothing is written)
 *   tsx scripts/alias-imports.ts --write    rewrite the files
 *   tsx scripts/alias-imports.ts --check    exit 1 when something is left to rewrite
 *   options: --depth N, and paths (files or folders) to limit it to
 *
 * It reads each file with the TypeScript parser and touches only module specifiers (import, export … from,
 * import(), require(), jest.mock() and its kin, `typeof import()`), never a string that merely looks like a path.
 * config/ is left alone (Taro loads it through its own register, which does not read `paths`), and so are .js/.cjs
 * files (plain Node runs them).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(__dirname, '..')
const parts = ['src', 'types', 'cloudfunctions', 'emulator', 'scripts', 'test']
const jestModuleCalls = new Set(['mock', 'unmock', 'doMock', 'dontMock', 'requireActual', 'requireMock', 'createMockFromModule'])

export interface Rewrite {
  file: string
  from: string
  to: string
}

/** The `@/` form of `specifier` imported from `file` (both from the repo root), or null to leave it. */
export function aliasFor(file: string, specifier: string, depth: number): string | null {
  if (!specifier.startsWith('../')) return null
  const climbs = specifier.split('/').filter((s) => s === '..').length
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
  if (target.startsWith('../')) return null
  const ownPart = file.split('/')[0]
  const targetPart = target.split('/')[0]
  if (targetPart === ownPart && climbs < depth) return null
  return `@/${target}`
}

/** The module specifiers in a source text: each literal's inner span and value. */
export function moduleSpecifiers(fileName: string, text: string): { start: number; end: number; value: string }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind)
  const found: { start: number; end: number; value: string }[] = []
  const take = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteral(node)) found.push({ start: node.getStart(source) + 1, end: node.getEnd() - 1, value: node.text })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) take(node.moduleSpecifier)
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) take(node.moduleReference.expression)
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) take(node.argument.literal)
    else if (ts.isCallExpression(node)) {
      const callee = node.expression
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require'
      const isJest =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'jest' &&
        jestModuleCalls.has(callee.name.text)
      if (isImport || isRequire || isJest) take(node.arguments[0])
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Rewrites one file's text; returns the new text and what changed. */
export function rewrite(file: string, text: string, depth: number): { text: string; rewrites: Rewrite[] } {
  const rewrites: Rewrite[] = []
  let out = text
  // From the end, so earlier offsets stay valid.
  for (const s of moduleSpecifiers(file, text).reverse()) {
    const to = aliasFor(file, s.value, depth)
    if (!to) continue
    out = out.slice(0, s.start) + to + out.slice(s.end)
    rewrites.unshift({ file, from: s.value, to })
  }
  return { text: out, rewrites }
}

function main(): void {
  const args = process.argv.slice(2)
  const write = args.includes('--write')
  const check = args.includes('--check')
  const depthAt = args.indexOf('--depth')
  const depth = depthAt >= 0 ? Number(args[depthAt + 1]) : 3
  if (!Number.isInteger(depth) || depth < 1) throw new Error('--depth takes a whole number of folders, 1 or more')
  const limits = args.filter((a, i) => !a.startsWith('--') && (depthAt < 0 || i !== depthAt + 1)).map((a) => path.relative(root, path.resolve(a)))
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && parts.includes(f.split('/')[0]) && !f.endsWith('.d.ts'))
    .filter((f) => limits.length === 0 || limits.some((l) => f === l || f.startsWith(`${l}/`)))
  let total = 0
  let touched = 0
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8')
    const result = rewrite(file, text, depth)
    if (result.rewrites.length === 0) continue
    total += result.rewrites.length
    touched++
    if (write) writeFileSync(path.join(root, file), result.text)
    else for (const r of result.rewrites) console.log(`${file}: ${r.from} → ${r.to}`)
  }
  console.log(`${write ? 'rewrote' : 'would rewrite'} ${total} imports in ${touched} files (depth ${depth})`)
  if (check && total > 0) process.exit(1)
}

if (require.main === module) main()
