import { startEmulator } from './index'

/**
 * `tsx emulator/cli.ts start [--port N] [--data DIR]`
 * Prints `emulator listening on <url>` once ready (test helpers wait for that line).
 */
function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

async function main(): Promise<void> {
  const [command = 'start', ...args] = process.argv.slice(2)
  if (command === 'start') {
    const port = flag(args, 'port')
    const emulator = await startEmulator({ port: port === undefined ? undefined : Number(port), dataDir: flag(args, 'data') })
    console.log(`emulator listening on ${emulator.url}`)
    const stop = () => {
      emulator.close().then(() => process.exit(0), () => process.exit(1))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    return
  }
  console.error(`unknown command: ${command}`)
  process.exit(2)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
