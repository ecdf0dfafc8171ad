/**
 * `npm start`: builds the cloud functions and the H5 app, starts the local emulator serving both,
 * seeds the demo data and prints where to go. `npm run dev` does the same with rebuild-on-save.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { startEmulator } from '@/emulator'
import { demoAccounts } from './seed/demo-data'
import { seed } from './seed'
import { seedOutcomes } from './seed/demo-outcomes'

const root = path.resolve(__dirname, '..')
const dev = process.argv.includes('--dev')
const port = Number(process.env.JDQ_PORT ?? 8099)

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed`)
    process.exit(result.status ?? 1)
  }
}

function h5IsStale(): boolean {
  const built = path.join(root, 'dist-h5', 'index.html')
  if (!existsSync(built)) return true
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'types')), newestMtime(path.join(root, 'config')))
  return sources > statSync(built).mtimeMs
}

async function main(): Promise<void> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const taro = path.join(root, 'node_modules', '.bin', 'taro')
  console.log('› building cloud functions…')
  run(tsx, ['scripts/build-functions.ts'])
  if (dev) {
    spawn(tsx, ['scripts/build-functions.ts', '--watch'], { cwd: root, stdio: 'inherit' })
    spawn(taro, ['build', '--type', 'h5', '--watch'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, JDQ_EMULATOR_URL: `http://127.0.0.1:${port}` }
    })
  } else if (h5IsStale()) {
    console.log('› building the H5 app (about a minute the first time)…')
    run(taro, ['build', '--type', 'h5'])
  }

  // JDQ_CLOCK=2026-12-31T23:30:00+08:00 npm start runs the product (and seeds its demo data) at that instant.
  const emulator = await startEmulator({ port, clock: process.env.JDQ_CLOCK || undefined })
  console.log(`› emulator listening on ${emulator.url}`)
  if (process.env.JDQ_CLOCK) console.log(`› clock set: it is now ${new Date().toISOString()} for the emulator and its functions`)
  const counts = await seed(emulator.url)
  console.log(
    `› demo data: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`
  )
  // Demo demands, ratings and 差评 of the last two days, and the rankings job run over them.
  const outcomes = await seedOutcomes(emulator.url)
  console.log(
    `› demo outcomes: ${outcomes.docs} documents; rankings ${outcomes.ranked ? 'computed' : 'still computing (the timer finishes them within minutes)'}`
  )

  const appUrl = dev ? 'http://127.0.0.1:10086/' : `${emulator.url}/`
  console.log(`
  接地气 is running.

    Open      ${appUrl}
    Log in    ${appUrl.replace(/\/$/, '')}/__/login   (pick any demo account)

    demo cadre            ${demoAccounts.cadre}
    cadre, 两联 incomplete ${demoAccounts.cadreIncomplete}
    county manager        ${demoAccounts.countyManager}
    province admin        ${demoAccounts.admin}

    Emulator  ${emulator.url}  (metrics /__/metrics · outbox /__/outbox · invocations /__/invocations)
    Stop with Ctrl+C. Data stays in .emulator-data/ (delete it to start afresh).
`)
  const stop = () => {
    emulator.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
