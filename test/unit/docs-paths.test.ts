/**
 * The docs are a newcomer's map: a file they name must be there. Every repo path in backticks (`src/…`,
 * `cloudfunctions/…`, …) and every relative link in README.md, CONTRIBUTING.md and docs/ must exist, so a move or a
 * rename that forgets the docs fails here rather than in someone's first afternoon.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const DOCS = ['README.md', 'CONTRIBUTING.md', ...readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'))
const TOP = ['src', 'cloudfunctions', 'types', 'test', 'scripts', 'emulator', 'config', 'docs', '.ci']

/** Paths a document names: backticked repo paths (a pattern such as `src/*.tsx` or `pages/<name>` is not one). */
function namedPaths(markdown: string, file: string): string[] {
  const found: string[] = []
  for (const [, p] of markdown.matchAll(/`([^`\s]+)`/g)) {
    if (!TOP.some((top) => p.startsWith(`${top}/`)) || /[*<>{}…|]/.test(p)) continue
    found.push(p.replace(/[:#].*$/, ''))
  }
  for (const [, p] of markdown.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
    if (!/^[a-z]+:/.test(p)) found.push(path.join(path.dirname(file), p))
  }
  return found
}

describe('the docs name files that exist', () => {
  it('reads backticked paths and relative links, not patterns or addresses', () => {
    const md = 'See `src/app.ts:12`, `cloudfunctions/*/config.json`, `npm test`, [the map](docs/architecture.md#a) and [x](https://x.y).'
    expect(namedPaths(md, 'README.md')).toEqual(['src/app.ts', 'docs/architecture.md'])
  })

  it.each(DOCS)('%s', (file) => {
    const missing = namedPaths(readFileSync(path.join(root, file), 'utf8'), file).filter((p) => !existsSync(path.join(root, p)))
    expect(missing).toEqual([])
  })
})
