/**
 * A full garbage collection between the steps of a long job (the rankings job's batches, an export's pages and
 * parts). V8 collects lazily and sizes its heap by the machine, not by the instance's 256 MB, so what a job reads
 * and throws away — pages of documents, parts streamed in, the response buffers behind them — piles up long before
 * a collection comes. `npm run bench:memory` measured it: a 100,000-demand export peaked at 207 MB of which 29 MB
 * was in use, and at 139 MB with these collections; the rankings job over 10,000 cadres at 140 MB, and at 118 MB
 * with them. A step's own work is what stays.
 *
 * `gc` is V8's own, exposed at run time (a function's start command cannot carry --expose-gc); where the runtime
 * refuses, the job simply goes without.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let gc: (() => void) | null | undefined

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      gc = runInNewContext('gc') as () => void
    } catch {
      gc = null
    }
  }
  gc?.()
}
