/** The codemod that turns deep relative imports into `@/` ones (scripts/alias-imports.ts). */
import { aliasFor, rewrite } from '@/scripts/alias-imports'

describe('alias-imports', () => {
  it('aliases an import that leaves its part, however shallow', () => {
    expect(aliasFor('cloudfunctions/visit/handlers/checkIn.ts', '../../../types/api/visit', 3)).toBe('@/types/api/visit')
    expect(aliasFor('emulator/index.ts', '../types/database', 3)).toBe('@/types/database')
    expect(aliasFor('test/unit/x.test.ts', '../../src/services/reply', 3)).toBe('@/src/services/reply')
  })

  it('aliases a deep climb inside a part and leaves shallow ones relative', () => {
    expect(aliasFor('src/cadre/pages/visit/VisitView.tsx', '../../../components/StateViews', 3)).toBe('@/src/components/StateViews')
    expect(aliasFor('cloudfunctions/visit/handlers/checkIn.ts', '../../_lib/tx', 3)).toBeNull()
    expect(aliasFor('cloudfunctions/visit/handlers/checkIn.ts', '../../_lib/tx', 2)).toBe('@/cloudfunctions/_lib/tx')
    expect(aliasFor('src/pages/index/index.tsx', './HomeView', 3)).toBeNull()
    expect(aliasFor('src/pages/index/index.tsx', 'zod', 3)).toBeNull()
  })

  it('rewrites module specifiers only, keeping quotes, and never a string that looks like a path', () => {
    const file = 'test/unit/sample.test.ts'
    const text = [
      "import { a } from '../../types/enums'",
      'import type { B } from "../../cloudfunctions/_lib/collections"',
      "export { c } from '../helpers/clock'",
      "const lazy = () => import('../../scripts/sdk')",
      "const r = require('../../src/app.config') as typeof import('../../src/app.config')",
      "jest.mock('../../src/services/cloud')",
      "const script = `require('../../build/cloudfunctions/visit')`",
      "const label = '../../types/enums'"
    ].join('\n')
    const out = rewrite(file, text, 3)
    expect(out.text.split('\n')).toEqual([
      "import { a } from '@/types/enums'",
      'import type { B } from "@/cloudfunctions/_lib/collections"',
      "export { c } from '../helpers/clock'",
      "const lazy = () => import('@/scripts/sdk')",
      "const r = require('@/src/app.config') as typeof import('@/src/app.config')",
      "jest.mock('@/src/services/cloud')",
      "const script = `require('../../build/cloudfunctions/visit')`",
      "const label = '../../types/enums'"
    ])
    expect(out.rewrites.map((r) => r.to)).toEqual([
      '@/types/enums',
      '@/cloudfunctions/_lib/collections',
      '@/scripts/sdk',
      '@/src/app.config',
      '@/src/app.config',
      '@/src/services/cloud'
    ])
    expect(rewrite(file, out.text, 3).rewrites).toEqual([])
  })
})
