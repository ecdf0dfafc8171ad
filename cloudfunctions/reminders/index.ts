import { remindersApi } from '@/types/api/reminders'
import { createFunction } from '../_lib/router'
import { knob, withTimer } from '../_lib/timer-entry'
import { overview } from './handlers/overview'
import { consent } from './handlers/consent'
import { settings } from './handlers/settings'
import { list } from './handlers/list'
import { getBadge } from './handlers/getBadge'
import { markRead } from './handlers/markRead'
import { DEFAULTS, runSender } from './sender'
import config from './config.json'

/**
 * The timer trigger runs the sender on its trigger's time (the platform's scheduled instant; the emulator's fire
 * may set it). In emulator builds, server-side runs may pass `now`, `budgetMs`, `batchSize`, `backoffMs` and
 * `crashAfterSends` (exit after the Nth message, before its outcome is recorded); production has none of it.
 */
export const main = withTimer(createFunction(remindersApi, { overview, consent, settings, list, getBadge, markRead }), {
  trigger: config.triggers[0].name,
  refusal: '提醒由系统定时发送',
  onTimer: (at) => runSender({ now: at }),
  onRun: JDQ_TEST_SWITCHES
    ? (now, e) =>
        runSender({
          now,
          budgetMs: knob(e.budgetMs, 0, DEFAULTS.budgetMs),
          batchSize: knob(e.batchSize, 1, 1000),
          backoffMs: knob(e.backoffMs, 0, 5000),
          crashAfterSends: knob(e.crashAfterSends, 1, 1_000_000)
        } as never)
    : undefined
})
