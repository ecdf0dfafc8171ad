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
import { api } from '@/types/api'
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

/** Inputs for functions none of whose actions takes `{}` (a pack always names its period). */
const sampleInputs: Record<string, Record<string, unknown>> = { packs: { period: '2026-06' } }

/**
 * The first action of `fn` whose input is valid as `{}` (or as the function's sample), so the first reply comes from
 * the handler's identity check, not from the input's parse.
 */
export function coldStartAction(fn: string): { action: string; input: Record<string, unknown> } {
  const actions = api[fn as keyof typeof api] as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>
  for (const input of [{}, sampleInputs[fn]].filter((x): x is Record<string, unknown> => x !== undefined)) {
    const action = Object.keys(actions).find((a) => actions[a].input.safeParse(input).success)
    if (action) return { action, input }
  }
  throw new Error(`${fn}: no action takes {} (or its sample in cold-start.ts) for the cold-start bench`)
}

function once(
  file: string,
  { action, input }: { action: string; input: Record<string, unknown> }
): Promise<{ requireMs: number; firstReplyMs: number; cpuMs: number; code: string }> {
  const script = `
    const c0 = process.cpuUsage(), t0 = process.hrtime.bigint()
    const m = require(${JSON.stringify(file)})
    const t1 = process.hrtime.bigint()
    Promise.resolve(m.main(${JSON.stringify({ ...input, action })}, {})).then((reply) => {
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
  const call = coldStartAction(name)
  const samples: Awaited<ReturnType<typeof once>>[] = []
  for (let i = 0; i < runs; i++) samples.push(await once(file, call))
  const median = (k: 'requireMs' | 'firstReplyMs' | 'cpuMs') => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)]
  return {
    bundleBytes: statSync(file).size,
    action: call.action,
    code: samples[0].code,
    requireMs: median('requireMs'),
    firstReplyMs: median('firstReplyMs'),
    cpuMs: median('cpuMs')
  }
}
