import { visitApi } from '../../types/api/visit'
import { createFunction } from '../_lib/router'
import { checkIn } from './handlers/checkIn'
import { saveRecord } from './handlers/saveRecord'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { listPending } from './handlers/listPending'
import { progress } from './handlers/progress'
import { calendar } from './handlers/calendar'
import { review } from './handlers/review'

export const main = createFunction(visitApi, { checkIn, saveRecord, get, list, progress, calendar, listPending, review })
