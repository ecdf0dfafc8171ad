import { rankingsApi } from '@/types/api/rankings'
import { createFunction } from '../_lib/router'
import { knob, withTimer } from '../_lib/timer-entry'
import { list } from './handlers/list'
import { mine } from './handlers/mine'
import { runNow } from './handlers/runNow'
import { getList } from './handlers/getList'
import { editEntry } from './handlers/editEntry'
import { publish } from './handlers/publish'
import { published } from './handlers/published'
import { DEFAULTS, TIMER_CYCLE_GAP_MS, runRankings } from './job'
import config from './config.json'

/**
 * In emulator builds, server-side runs may pass `now`, `budgetMs`, `batchSize`, `maxBatches` and `force`; production
 * has none of it. The province admin uses `runNow`.
 */
export const main = withTimer(createFunction(rankingsApi, { list, mine, runNow, getList, editEntry, publish, published }), {
  trigger: config.triggers[0].name,
  refusal: '排行由系统定时计算',
  onTimer: (at) => runRankings({ now: at, minCycleGapMs: TIMER_CYCLE_GAP_MS }),
  onRun: JDQ_TEST_SWITCHES
    ? (now, e) =>
        runRankings({
          now,
          budgetMs: knob(e.budgetMs, 0, DEFAULTS.budgetMs),
          batchSize: knob(e.batchSize, 1, 200),
          maxBatches: knob(e.maxBatches, 1, 100000),
          force: e.force === true
        })
    : undefined
})
