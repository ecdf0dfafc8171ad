import { reconcileApi } from '@/types/api/reconcile'
import { createFunction } from '../_lib/router'
import { knob, withTimer } from '../_lib/timer-entry'
import { lastReport } from './handlers/lastReport'
import { DEFAULTS, runReconcile } from './runner'
import config from './config.json'

/**
 * The nightly trigger runs the reconciliation. In emulator builds, server-side runs may pass `now`, `budgetMs`,
 * `batchSize`, `stopAfterCadres`, `crashAfterCadres` and `fresh` (start a new pass); production has none of it.
 */
export const main = withTimer(createFunction(reconcileApi, { lastReport }), {
  trigger: config.triggers[0].name,
  refusal: '数据核对由系统每晚自动进行',
  onTimer: (at) => runReconcile({ now: at }),
  onRun: JDQ_TEST_SWITCHES
    ? (now, e) =>
        runReconcile({
          now,
          budgetMs: knob(e.budgetMs, 0, DEFAULTS.budgetMs),
          batchSize: knob(e.batchSize, 1, 1000),
          stopAfterCadres: knob(e.stopAfterCadres, 0, 1_000_000),
          crashAfterCadres: knob(e.crashAfterCadres, 1, 1_000_000),
          fresh: e.fresh === true
        })
    : undefined
})
