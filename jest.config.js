/**
 * One Jest run, several projects:
 *  unit     pure rules, plain Node
 *  contract the real wx-server-sdk and our cloud functions against a real emulator process
 *  ui       Taro React components in jsdom
 *  mp       the compiled weapp build in miniprogram-simulate
 *  e2e      Chromium against the H5 build served by the emulator
 * Select with `jest --selectProjects unit contract`.
 */
const node = {
  testEnvironment: 'node',
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' }
}

module.exports = {
  projects: [
    { ...node, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...node,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.test.ts'],
      // testTimeout is global-only in Jest 29; per project it is set from a setup file.
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout-30s.ts']
    },
    {
      ...node,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout-90s.ts']
    }
  ]
}
