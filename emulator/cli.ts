import { startEmulator } from './index'
import { clockOffset } from './runtime/clock.cjs'

/**
 * tsx emulator/cli.ts start [--port 8099] [--data DIR] [--functions DIR] [--static DIR] [--no-timers]
 *                            [--clock ISO|offset:<ms>] [--timeout-scale N] [--exit-with-parent]
 *     prints `emulator listening on <url>` once ready (test helpers wait for that line)
 *     JDQ_CLOCK and JDQ_TIMEOUT_SCALE in the environment do the same as --clock and --timeout-scale
 * tsx emulator/cli.ts timer fire <function> [trigger] [--url URL]
 * tsx emulator/cli.ts invocations [--url URL] [--limit N]
 * tsx emulator/cli.ts metrics [--url URL]
 * tsx emulator/cli.ts outbox [--url URL] [--touser OPENID] [--limit N]
 */
function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

const switches = ['--no-timers', '--exit-with-parent']
const positional = (args: string[]) => args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--') && !switches.includes(args[i - 1])))

async function get(url: string): Promise<unknown> {
  const res = await fetch(url)
  return res.json()
}

async function main(): Promise<void> {
  const [command = 'start', ...args] = process.argv.slice(2)
  const url = flag(args, 'url') ?? process.env.JDQ_EMULATOR_URL ?? 'http://127.0.0.1:8099'
  switch (command) {
    case 'start': {
      const port = flag(args, 'port')
      const emulator = await startEmulator({
        port: port === undefined ? undefined : Number(port),
        dataDir: flag(args, 'data'),
        functionsDir: flag(args, 'functions'),
        staticDir: flag(args, 'static'),
        timers: !args.includes('--no-timers'),
        clock: flag(args, 'clock') ?? (process.env.JDQ_CLOCK || undefined),
        timeoutScale: Number(flag(args, 'timeout-scale') ?? process.env.JDQ_TIMEOUT_SCALE ?? 1) || 1
      })
      console.log(`emulator listening on ${emulator.url}`)
      if (clockOffset() !== 0) console.log(`emulator clock: ${new Date().toISOString()} (offset ${clockOffset()} ms from the real clock)`)
      const stop = () => {
        // A close that hangs (a function instance that will not die) must not keep the emulator alive.
        setTimeout(() => process.exit(1), 5000).unref()
        emulator.close().then(
          () => process.exit(0),
          () => process.exit(1)
        )
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
      if (args.includes('--exit-with-parent')) {
        // Started by a test: if the test process dies (killed, timed out), the emulator must not outlive it.
        const parent = process.ppid
        setInterval(() => {
          if (process.ppid !== parent) stop()
        }, 1000).unref()
      }
      return
    }
    case 'timer': {
      const [verb, fn, trigger] = positional(args)
      if (verb !== 'fire' || !fn) throw new Error('usage: timer fire <function> [trigger] [--url URL]')
      const res = await fetch(`${url}/__/timers/${encodeURIComponent(fn)}/${trigger ? `${encodeURIComponent(trigger)}/` : ''}fire`, { method: 'POST' })
      console.log(JSON.stringify(await res.json(), null, 2))
      if (!res.ok) process.exitCode = 1
      return
    }
    case 'invocations':
      console.log(JSON.stringify(await get(`${url}/__/invocations?limit=${flag(args, 'limit') ?? 20}`), null, 2))
      return
    case 'outbox': {
      const touser = flag(args, 'touser')
      const { messages } = (await get(`${url}/__/outbox?limit=${flag(args, 'limit') ?? 20}${touser ? `&touser=${encodeURIComponent(touser)}` : ''}`)) as {
        messages: { at: string; touser: string; template_id: string; page?: string; errcode: number; data: Record<string, { value: string }> }[]
      }
      if (!messages.length) console.log('(outbox is empty)')
      for (const m of messages) {
        const fields = Object.entries(m.data ?? {})
          .map(([k, v]) => `${k}=${v?.value}`)
          .join(' ')
        console.log(`${m.at}  ${m.errcode === 0 ? 'sent' : `errcode ${m.errcode}`}  to ${m.touser}  ${m.template_id}  ${m.page ?? ''}  ${fields}`)
      }
      return
    }
    case 'metrics':
      console.log(JSON.stringify(await get(`${url}/__/metrics`), null, 2))
      return
    default:
      console.error(`unknown command: ${command}`)
      process.exit(2)
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
