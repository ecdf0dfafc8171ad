/**
 * Cold start of each production bundle (what WeChat runs), as a new SCF instance pays it: a fresh Node process
 * requires index.js (wx-server-sdk included) and answers its first call. The call is a real action of the function
 * (its first whose input is valid as `{}`), so the action's schemas and handler are loaded and run as a user's
 * first call would load them; the caller is anonymous, so the reply is the identity check's UNAUTHENTICATED and no
 * database round trip is counted (the database is elsewhere and its time is not the bundle's).
 * Median of several processes; wall time and CPU time (a loaded machine stretches the first more than the second).
 */
import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { api } from '../../types/api'
import { scfEnv } from '../sdk'

export const COLD_START_BUDGET_MS = 300

export interface ColdStart {
  bundleBytes: number
  action: string
  /** The first reply's code (UNAUTHENTICATED is the clean path: no database call before the identity check). */
  code: string
  requireMs: number
  firstReplyMs: number
  cpuMs: number
}

/** The first action of `fn` whose input is valid as `{}`. */
export function coldStartAction(fn: string): string {
  const actions = api[fn as keyof typeof api] as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>
  const action = Object.keys(actions).find((a) => actions[a].input.safeParse({}).success)
  if (!action) throw new Error(`${fn}: no action takes {} for the cold-start bench`)
  return action
}

function once(file: string, action: string): Promise<{ requireMs: number; firstReplyMs: number; cpuMs: number; code: string }> {
  const script = `
    const c0 = process.cpuUsage(), t0 = process.hrtime.bigint()
    const m = require(${JSON.stringify(file)})
    const t1 = process.hrtime.bigint()
    Promise.resolve(m.main({ action: ${JSON.stringify(action)} }, {})).then((reply) => {
      const t2 = process.hrtime.bigint(), c = process.cpuUsage(c0)
      console.log(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, firstReplyMs: Number(t2 - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, code: reply && reply.ok === false ? reply.code : 'ok' }))
    })`
  return new Promise((resolve, reject) => {
    // 127.0.0.1:9 answers nothing: a database call before the identity check would show as a failed first reply.
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...scfEnv('http://127.0.0.1:9') }, stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`cold start of ${file} exited ${code}`))
      resolve(JSON.parse(text.trim().split('\n').pop() ?? '{}') as { requireMs: number; firstReplyMs: number; cpuMs: number; code: string })
    })
  })
}

export async function coldStart(functionsDir: string, name: string, runs: number): Promise<ColdStart> {
  const file = path.join(functionsDir, name, 'index.js')
  const action = coldStartAction(name)
  const samples: Awaited<ReturnType<typeof once>>[] = []
  for (let i = 0; i < runs; i++) samples.push(await once(file, action))
  const median = (k: 'requireMs' | 'firstReplyMs' | 'cpuMs') => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)]
  return { bundleBytes: statSync(file).size, action, code: samples[0].code, requireMs: median('requireMs'), firstReplyMs: median('firstReplyMs'), cpuMs: median('cpuMs') }
}
