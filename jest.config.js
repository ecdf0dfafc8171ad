/**
 * One Jest run, several projects:
 *  unit     pure rules, plain Node
 *  contract the real wx-server-sdk and our cloud functions against a real emulator process
 *  ui       Taro React components in jsdom
 *  mp       the compiled weapp build in miniprogram-simulate
 *  e2e      Chromium against the H5 build served by the emulator
 * Select with `jest --selectProjects unit contract`.
 */
// `@/x` is the repo root's x, as in tsconfig.json's `paths` (docs/architecture.md, "Imports").
const alias = { '^@/(.*)$': '<rootDir>/$1' }

// Every test file: the clock set to the run's instant (never today's date) and a time limit scaled for a
// loaded machine (test/helpers/clock.ts, test/helpers/time-scale.ts).
const setup = {
  setupFiles: ['<rootDir>/test/setup/clock.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
  moduleNameMapper: alias
}

const node = {
  ...setup,
  testEnvironment: 'node',
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' }
}

module.exports = {
  // One folder per run; the teardown ends every process group a test left running (test/helpers/run-dir.ts).
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  projects: [
    { ...node, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...node,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.test.ts']
    },
    {
      ...setup,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.ts?(x)'],
      transform: { '^.+\\.(m?[jt]sx?)$': 'babel-jest' },
      // @tarojs/components nests .pnpm folders, which breaks allow-lists: transform everything.
      transformIgnorePatterns: [],
      moduleNameMapper: {
        ...alias,
        '^@tarojs/components$': '@tarojs/components/lib/react/index',
        '^@tarojs/taro$': '<rootDir>/test/helpers/taro-shim.ts',
        '\\.(css|scss|sass)$': '<rootDir>/test/helpers/style-stub.ts'
      },
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
        JDQ_APPID: 'touristappid',
        JDQ_CLOUD_ENV: ''
      }
    },
    {
      ...setup,
      displayName: 'mp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/mp/**/*.test.ts'],
      transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
      // dist/ is already compiled for the mini-program: load it as it is.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/']
    },
    {
      ...node,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts']
    }
  ]
}
