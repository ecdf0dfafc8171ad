import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { scfEnv } from '../sdk'

export interface Counters {
  dbOps: number
  docsExamined: number
  docsReturned: number
}

export async function metrics(url: string): Promise<Counters> {
  return (await (await fetch(`${url}/__/metrics`)).json()) as Counters
}

export async function callAs(url: string, openid: string, name: string, data: unknown): Promise<{ ok: boolean; code?: string; message?: string; data?: unknown }> {
  const res = await fetch(`${url}/__/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ name, data })
  })
  const body = (await res.json()) as { result?: { ok: boolean }; message?: string }
  if (!body.result) throw new Error(`gateway ${res.status}: ${body.message}`)
  return body.result
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

function dirSize(dir: string): number {
  let total = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    total += e.isDirectory() ? dirSize(full) : statSync(full).size
  }
  return total
}

/** Main package and subpackage sizes of the weapp build in dist/ (what WeChat's 2 MB limits apply to). */
export function weappPackages(root: string): Record<string, number> | null {
  const dist = path.join(root, 'dist')
  if (!existsSync(path.join(dist, 'app.json'))) return null
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sizes: Record<string, number> = {}
  let subTotal = 0
  for (const sub of subs) {
    const size = existsSync(path.join(dist, sub)) ? dirSize(path.join(dist, sub)) : 0
    sizes[`subpackage ${sub}`] = size
    subTotal += size
  }
  return { 'main package': dirSize(dist) - subTotal, ...sizes }
}

export interface ColdStart {
  bundleBytes: number
  requireMs: number
  firstReplyMs: number
}

/**
 * Cold start of one bundled function, as a new SCF instance pays it: a fresh Node process requires
 * index.js (wx-server-sdk included) and answers a first call that needs no database.
 */
export async function coldStart(functionsDir: string, name: string, url: string): Promise<ColdStart> {
  const file = path.join(functionsDir, name, 'index.js')
  const script = `
    const t0 = process.hrtime.bigint()
    const m = require(${JSON.stringify(file)})
    const t1 = process.hrtime.bigint()
    m.main({ action: '__bench_cold_start__' }, {}).then(() => {
      const t2 = process.hrtime.bigint()
      console.log(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, firstReplyMs: Number(t2 - t0) / 1e6 }))
    })`
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...scfEnv(url) }, stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`cold start of ${name} exited ${code}`))))
  })
  const line = out.trim().split('\n').pop() ?? '{}'
  return { bundleBytes: statSync(file).size, ...(JSON.parse(line) as { requireMs: number; firstReplyMs: number }) }
}
