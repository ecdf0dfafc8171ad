import { visitApi } from '@/types/api/visit'
import { createFunction } from '../_lib/router'
import { checkIn } from './handlers/checkIn'
import { saveRecord } from './handlers/saveRecord'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { listPending } from './handlers/listPending'
import { progress } from './handlers/progress'
import { calendar } from './handlers/calendar'
import { review } from './handlers/review'
import { recordPeriod } from './handlers/recordPeriod'
import { reviewPeriod } from './handlers/reviewPeriod'
import { cancelPeriod } from './handlers/cancelPeriod'
import { periods } from './handlers/periods'
import { pendingPeriods } from './handlers/pendingPeriods'
import { confirmation } from './handlers/confirmation'
import { confirm } from './handlers/confirm'

export const main = createFunction(visitApi, {
  checkIn,
  saveRecord,
  get,
  list,
  progress,
  calendar,
  listPending,
  review,
  recordPeriod,
  reviewPeriod,
  cancelPeriod,
  periods,
  pendingPeriods,
  confirmation,
  confirm
})
