/**
 * How long the bench's emulator waits for a function, as a multiple of its config.json timeout: the full bench
 * holds functions to the cloud's own limits (1); the quick one runs inside `npm test` on shared machines, where
 * it checks that reads do not grow with the data, not how fast they are (the tests' scale).
 */
export const benchTimeoutScale = (): number | undefined => (process.argv.includes('--quick') ? undefined : 1)

export interface Counters {
  dbOps: number
  docsExamined: number
  docsReturned: number
}

export async function metrics(url: string): Promise<Counters> {
  return (await (await fetch(`${url}/__/metrics`)).json()) as Counters
}

export async function callAs(
  url: string,
  openid: string,
  name: string,
  data: unknown
): Promise<{ ok: boolean; code?: string; message?: string; data?: unknown }> {
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

/** Seconds spent loading each collection by the last loadBatches() (two batches in flight: approximate). */
export const loadSecondsBy: Record<string, number> = {}

/** Loads generated batches through the SDK: bulk adds of up to 1,000 documents, two in flight. Seconds taken. */
export async function loadBatches(url: string, batches: Iterable<{ collection: string; docs: object[] }>): Promise<number> {
  const started = Date.now()
  for (const k of Object.keys(loadSecondsBy)) delete loadSecondsBy[k]
  // Bulk inserts of 1,000 documents take longer than the SDK's 3 s slow-request warning; that is expected here.
  process.env.SILENCE = 'true'
  const { connectSdk } = await import('../sdk')
  const cloud = connectSdk(url)
  // On a busy machine a bulk add can take longer than the SDK's default 15 s.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, timeout: 300_000 } as never)
  const db = cloud.database()
  /** A multi-document add is all-or-nothing: after an error, the batch landed if its first document is there. */
  const add = async (collection: string, docs: object[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.collection(collection).add({ data: docs })
        return
      } catch (err) {
        const first = (docs[0] as { _id: string })._id
        const landed = await (db.collection(collection).where({ _id: first }).count() as Promise<{ total: number }>).then((r) => r.total > 0).catch(() => false)
        if (landed) return
        if (attempt >= 3) throw err
      }
    }
  }
  let inFlight: Promise<unknown>[] = []
  let mark = Date.now()
  for (const batch of batches) {
    inFlight.push(add(batch.collection, batch.docs))
    if (inFlight.length >= 2) {
      await Promise.all(inFlight)
      inFlight = []
      loadSecondsBy[batch.collection] = (loadSecondsBy[batch.collection] ?? 0) + (Date.now() - mark) / 1000
      mark = Date.now()
    }
  }
  await Promise.all(inFlight)
  return (Date.now() - started) / 1000
}

/**
 * The emulator logs a query that examined more than ten documents per document returned (`[db] … (plan)`).
 * watchSlow() keeps those lines, labelled with what the bench was measuring at the time, so a row flagged for
 * growing reads comes with the query and plan that did it.
 */
export function watchSlow(child: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null }) {
  const seen = new Map<string, Set<string>>()
  let label: string | null = null
  const onData = (d: Buffer) => {
    if (!label) return
    for (const line of d.toString().split('\n')) {
      if (!line.includes('[db]')) continue
      const lines = seen.get(label) ?? seen.set(label, new Set()).get(label)!
      // One line per collection and plan is enough.
      const key = line.replace(/examined \d+ docs, \d+ keys for \d+/, '').trim()
      if (lines.size < 5 && ![...lines].some((l) => l.replace(/examined \d+ docs, \d+ keys for \d+/, '').trim() === key)) lines.add(line.trim())
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  return {
    label: (l: string | null) => (label = l),
    lines: (l: string) => [...(seen.get(l) ?? [])]
  }
}
