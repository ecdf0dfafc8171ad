// @ts-check
/**
 * Lint for the whole repo: `npm run lint` (run by `npm test` after the type-check).
 *
 * Three jobs:
 *  1. Boundaries between the parts (docs/architecture.md): which folder may import which. A breach is an error.
 *  2. TypeScript's recommended rules, plus a few type-aware ones where a mistake is a real bug (a promise nobody
 *     awaits in a cloud function or the emulator: the function replies, or the emulator answers, before the
 *     write it started has landed).
 *  3. The rules of React hooks in the app.
 * Where a recommended rule does not fit this codebase it is configured here with the reason, never switched off
 * for a whole folder without one.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const root = import.meta.dirname

/** The function folders: `cloudfunctions/<name>/` (`_lib` is the shared library, not a function). */
const functionFolders = readdirSync(path.join(root, 'cloudfunctions')).filter(
  (name) => !name.startsWith('_') && statSync(path.join(root, 'cloudfunctions', name)).isDirectory()
)

/**
 * The parts and what each may import (the rest of the repo is reached only through these):
 *  app (src/)                 types/ and npm packages; never a function, the emulator, scripts, tests or config
 *  contract (types/)          only types/ and npm packages: both ends compile against it, so it depends on neither
 *  functions (cloudfunctions/) types/, cloudfunctions/_lib/ and cloudfunctions/access.ts; never the app, the
 *                             emulator, scripts, tests, config, or another function's folder (each function is its
 *                             own bundle and deploys alone)
 *  emulator (emulator/)       types/ (the database declaration) only: it stands in for the cloud, whatever runs in it
 *  config (config/)           the Taro build config: types/ at most
 *  scripts (scripts/)         anything but the app (they run in Node; the app reaches them only as builds)
 *  tests (test/)              anything: they test every part
 */
const ours = ['./src', './types', './cloudfunctions', './emulator', './scripts', './test', './config']
const except = (...allowed) => ours.filter((part) => !allowed.includes(part))
const boundaryZones = [
  {
    target: './src',
    from: except('./src', './types'),
    message: 'The app reaches the functions only through src/services/cloud.ts and shares only types/ with them.'
  },
  {
    target: './types',
    from: except('./types'),
    message: 'types/ is the contract both ends compile against: it imports nothing of ours outside types/.'
  },
  {
    target: './cloudfunctions',
    from: except('./cloudfunctions', './types'),
    message: 'A cloud function is bundled and deployed alone: it imports types/ and cloudfunctions/_lib/ only.'
  },
  {
    target: './cloudfunctions/_lib',
    from: './cloudfunctions',
    except: ['./_lib', './access.ts'],
    message: 'cloudfunctions/_lib/ is shared by every function and imports none of them.'
  },
  ...functionFolders.map((name) => ({
    target: `./cloudfunctions/${name}`,
    from: './cloudfunctions',
    except: [`./${name}`, './_lib', './access.ts'],
    message: "A function never imports another function's folder: shared code belongs in cloudfunctions/_lib/."
  })),
  {
    target: './emulator',
    from: except('./emulator', './types'),
    message: 'The emulator stands in for the cloud: it imports types/ (the database declaration) only.'
  },
  {
    target: './config',
    from: except('./config', './types'),
    message: 'The build config imports types/ at most.'
  },
  {
    target: './scripts',
    from: './src',
    message: 'Scripts run in Node: they reach the app through its builds, never its sources.'
  }
]

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'dist-h5/', 'build/', 'coverage/', '.emulator-data/', '.bench/', 'test-results/', '.swc/']
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'jdq/all',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json'), alwaysTryTypes: true })]
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      // Chinese text separates items with the ideographic space (U+3000) in strings and JSX text; elsewhere
      // (code, comments) an odd space is still an error.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // Arguments and variables named `_x` are deliberately unused (a handler's unused context, a skipped tuple
      // slot); anything else unused is dead code.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }]
    }
  },
  {
    name: 'jdq/node-js',
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: {
      // Plain CommonJS files (Jest and Babel config, the emulator's function runner, test fixtures) load with require.
      '@typescript-eslint/no-require-imports': 'off'
    }
  },
  {
    name: 'jdq/esm',
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' }
  },
  {
    name: 'jdq/app',
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The two rules that catch real bugs in hooks code. The plugin's other recommended rules are React Compiler's
      // checks, for code the compiler rewrites; this app (Taro 4, React 18) does not use it, they flagged only
      // deliberate patterns here (a form seeded from data once it arrives, a canvas id kept in a ref) and they
      // double the time of a lint run.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error'
    }
  },
  {
    name: 'jdq/tests',
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Tests probe raw SDK replies and stored documents, which are untyped on purpose (the point is to see what
      // really landed); product code keeps the rule: no `any` at a boundary.
      '@typescript-eslint/no-explicit-any': 'off'
    }
  },
  {
    name: 'jdq/type-aware',
    files: ['cloudfunctions/**/*.ts', 'emulator/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
      // Not await-thenable: wx-server-sdk declares its document calls as `Promise | void | string` (its callback
      // overloads folded into one signature), so the rule flags every Promise.all over SDK writes.
    }
  }
)
